package io.intinode.fuse.cli;

/** Whether a mount asks a running intinode node for content (LAN and DHT peers) or works alone. */
enum NodeMode {
    /** Use the node when one runs, else standalone (cache + the stubs' URLs). */
    auto,
    /** Standalone: the local cache, then the stubs' URLs. */
    none
}
