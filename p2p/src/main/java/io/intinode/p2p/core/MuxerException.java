package io.intinode.p2p.core;

/** A muxer-level failure: protocol violation, limit exceeded, session closed. */
public class MuxerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MuxerException(String message) {
    super(message);
  }

  public MuxerException(String message, Throwable cause) {
    super(message, cause);
  }
}
