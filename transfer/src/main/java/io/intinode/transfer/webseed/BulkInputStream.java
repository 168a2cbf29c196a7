package io.intinode.transfer.webseed;

import java.io.IOException;
import java.io.InputStream;

/** An InputStream whose single-byte read goes through its bulk read (the only one it implements). */
abstract class BulkInputStream extends InputStream {
    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
