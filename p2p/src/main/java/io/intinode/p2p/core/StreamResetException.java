package io.intinode.p2p.core;

/** The stream was reset, by either side, or its connection closed before it finished. */
public class StreamResetException extends MuxerException {
  private static final long serialVersionUID = 1L;

  public StreamResetException(String message) {
    super(message);
  }

  public StreamResetException(String message, Throwable cause) {
    super(message, cause);
  }
}
