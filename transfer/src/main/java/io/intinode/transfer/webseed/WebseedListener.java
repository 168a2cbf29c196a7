package io.intinode.transfer.webseed;

import java.net.URI;

/** Observes webseed fetches (progress bars, metrics, logs). Called on the fetching thread. */
public interface WebseedListener {
    WebseedListener NONE = new WebseedListener() {};

    /** A request is about to be sent; {@code offset} > 0 means a resume with a Range header. */
    default void requestStarted(URI uri, long offset) {}

    /** New content bytes arrived (bytes skipped to resume are not counted). */
    default void bytesReceived(URI uri, long count) {}

    /** The URL was given up on, or skipped, for the reason given; the next URL is tried. */
    default void urlFailed(URI uri, String reason) {}
}
