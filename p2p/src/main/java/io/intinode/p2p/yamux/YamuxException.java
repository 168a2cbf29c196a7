package io.intinode.p2p.yamux;

import io.intinode.p2p.core.MuxerException;

/** A yamux protocol violation; {@link #goAwayCode()} is what the connection is closed with. */
public final class YamuxException extends MuxerException {
  private static final long serialVersionUID = 1L;
  private final long goAwayCode;

  public YamuxException(long goAwayCode, String message) {
    super(message);
    this.goAwayCode = goAwayCode;
  }

  public long goAwayCode() {
    return goAwayCode;
  }

  static YamuxException protocol(String message) {
    return new YamuxException(YamuxFrame.PROTOCOL_ERROR, message);
  }
}
