package io.intinode.p2p.yamux;

import io.intinode.p2p.core.MuxerException;

/**
 * Which streams a session may open and accept, without I/O: stream ids by role, the cap on
 * concurrent streams, flood detection, and the receive-window budget shared by all streams.
 */
final class StreamPolicy {
  private static final long MAX_STREAM_ID = 0xFFFF_FFFFL;

  private final YamuxConfig config;
  private long nextLocalId;
  private long lastRemoteId;
  private int open;
  private int abortedInARow;
  private long windowBytes;
  private boolean goingAway;

  StreamPolicy(YamuxConfig config, boolean initiator) {
    this.config = config;
    this.nextLocalId = initiator ? 1 : 2; // the dialler uses odd ids, the listener even ones
  }

  /** From now on no stream is opened or accepted (go-away sent or received, or closing). */
  void stopNewStreams() {
    goingAway = true;
  }

  /** The id for a new outbound stream; fails if none may be opened now. */
  long openOutbound() {
    if (goingAway) {
      throw new MuxerException("session is closing, no new streams");
    }
    if (open >= config.maxStreams()) {
      throw new MuxerException("at the cap of " + config.maxStreams() + " concurrent streams");
    }
    if (nextLocalId > MAX_STREAM_ID) {
      throw new MuxerException("stream ids exhausted");
    }
    long id = nextLocalId;
    nextLocalId += 2;
    opened();
    return id;
  }

  /**
   * Decides on a stream the remote opens: true to accept, false to refuse (reset it). Throws
   * {@link YamuxException} for an id the remote may not use, or when refusals amount to a flood.
   */
  boolean admitInbound(long id) {
    if (id % 2 == nextLocalId % 2 || id <= lastRemoteId) {
      throw YamuxException.protocol("remote opened stream " + id + ", an id it may not use");
    }
    lastRemoteId = id;
    if (goingAway || open >= config.maxStreams()) {
      aborted();
      return false;
    }
    opened();
    return true;
  }

  /** An accepted inbound stream was reset by the remote before it closed cleanly. */
  void resetByRemote() {
    aborted();
  }

  /** A stream ended, holding {@code window} bytes of receive window. */
  void closed(boolean inbound, boolean cleanly, long window) {
    open--;
    windowBytes -= window;
    if (inbound && cleanly) {
      abortedInARow = 0;
    }
  }

  /** How much more receive window the streams may take together. */
  long windowAllowance() {
    return config.maxSessionWindowBytes() - windowBytes;
  }

  void windowGrew(long bytes) {
    windowBytes += bytes;
  }

  int openStreams() {
    return open;
  }

  private void opened() {
    open++;
    windowBytes += config.initialWindowBytes();
  }

  private void aborted() {
    if (++abortedInARow > config.maxAbortedStreams()) {
      throw YamuxException.protocol(
          "stream flood: " + abortedInARow + " inbound streams refused or reset in a row");
    }
  }
}
