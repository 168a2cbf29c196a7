package io.intinode.transfer.blob;

import io.intinode.store.Digest;

/** {@code /intinode/blob/1.0.0}: its id and limits (see docs/protocols.md). */
public final class BlobProtocol {
    public static final String PROTOCOL_ID = "/intinode/blob/1.0.0";
    /** The most bytes one GET_RANGE may ask for. */
    public static final int MAX_RANGE_BYTES = 4 << 20;
    /** The most chunks a CHUNKS answer may list (256 GiB blobs at 1 MiB a chunk). */
    public static final int MAX_CHUNKS = 1 << 18;
    /** The largest request frame: a GET_RANGE with the longest varints. */
    public static final int MAX_REQUEST_FRAME_BYTES = 1 + Digest.BYTES + 2 * 9;
    /** The largest response frame: a CHUNKS of {@link #MAX_CHUNKS}. */
    public static final int MAX_RESPONSE_FRAME_BYTES = 1 + Digest.BYTES + 2 * 9 + MAX_CHUNKS * Digest.BYTES;
    /** Bounds the work of one inbound stream; clients open a new stream per call anyway. */
    public static final int MAX_REQUESTS_PER_STREAM = 1024;

    private BlobProtocol() {}
}
