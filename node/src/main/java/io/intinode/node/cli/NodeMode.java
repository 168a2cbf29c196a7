package io.intinode.node.cli;

/** Whether a command asks the running intinode node for content (LAN and DHT peers) or works alone. */
public enum NodeMode {
    /** Use the node when one runs, else standalone (cache + the stubs' URLs), saying so on stderr. */
    auto,
    /** Standalone: this process opens the local cache itself, then fetches from the stubs' URLs. */
    none
}
