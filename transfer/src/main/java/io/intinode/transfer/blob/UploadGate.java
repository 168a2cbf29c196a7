package io.intinode.transfer.blob;

/**
 * Whether this host uploads at all right now (the seeding gates: monthly cap, battery, metered, hours), and the
 * bytes it uploaded. Asked before every range, before the serve policy and the store, so a closed gate answers
 * every blob alike and says nothing about what is held.
 */
public interface UploadGate {
    /** Always open, counting nothing. */
    UploadGate OPEN = new UploadGate() {
        @Override
        public boolean open() {
            return true;
        }

        @Override
        public void uploaded(long bytes) {}
    };

    boolean open();

    /** Called after each range served. */
    void uploaded(long bytes);
}
