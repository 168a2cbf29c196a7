package io.intinode.transfer.blob;

import io.intinode.store.ChunkList;
import io.intinode.store.Digest;

/** The messages of {@code /intinode/blob/1.0.0}; {@link BlobCodec} turns them into frames and back. */
public sealed interface BlobMessage {
    /** Asks for a blob's chunk list. */
    record GetChunks(Digest blob) implements BlobMessage {}

    /** Asks for {@code length} bytes at {@code offset} (at most {@link BlobProtocol#MAX_RANGE_BYTES}). */
    record GetRange(Digest blob, long offset, int length) implements BlobMessage {
        public GetRange {
            if (offset < 0 || length < 0 || length > BlobProtocol.MAX_RANGE_BYTES) {
                throw new BlobProtocolException("bad range: " + length + " bytes at " + offset
                        + " (at most " + BlobProtocol.MAX_RANGE_BYTES + ")");
            }
        }
    }

    /** Answers GET_CHUNKS. */
    record Chunks(ChunkList list) implements BlobMessage {}

    /** Answers GET_RANGE: exactly {@code length} raw bytes follow the frame. */
    record Data(int length) implements BlobMessage {
        public Data {
            if (length < 0 || length > BlobProtocol.MAX_RANGE_BYTES) {
                throw new BlobProtocolException("bad data length: " + length);
            }
        }
    }

    /** The blob is not here, or not for you: the two are indistinguishable on purpose. */
    record Absent() implements BlobMessage {}
}
