package io.intinode.p2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One yamux frame (hashicorp/yamux spec.md, used unchanged by libp2p as {@code /yamux/1.0.0}).
 * Unsigned 32-bit wire fields are held in {@code long}s.
 */
public sealed interface YamuxFrame
    permits YamuxFrame.Data, YamuxFrame.WindowUpdate, YamuxFrame.Ping, YamuxFrame.GoAway {

  int HEADER_BYTES = 12;
  int VERSION = 0;

  int TYPE_DATA = 0;
  int TYPE_WINDOW_UPDATE = 1;
  int TYPE_PING = 2;
  int TYPE_GO_AWAY = 3;

  int SYN = 0x1;
  int ACK = 0x2;
  int FIN = 0x4;
  int RST = 0x8;
  int ALL_FLAGS = SYN | ACK | FIN | RST;

  /** Go-away codes. */
  long NORMAL = 0;
  long PROTOCOL_ERROR = 1;
  long INTERNAL_ERROR = 2;

  /** Stream bytes; owns {@code content()}, so it must be released. */
  final class Data extends DefaultByteBufHolder implements YamuxFrame {
    private final long streamId;
    private final int flags;

    public Data(long streamId, int flags, ByteBuf payload) {
      super(payload);
      this.streamId = streamId;
      this.flags = flags;
    }

    public long streamId() {
      return streamId;
    }

    public int flags() {
      return flags;
    }

    @Override
    public String toString() {
      return "Data[stream=" + streamId + ", flags=" + flags + ", bytes=" + content().readableBytes()
          + "]";
    }
  }

  /** Grants {@code delta} more bytes of receive window; with SYN/ACK/FIN/RST it also signals. */
  record WindowUpdate(long streamId, int flags, long delta) implements YamuxFrame {}

  /** Keep-alive or RTT probe: SYN asks, ACK answers with the same opaque value. */
  record Ping(int flags, long opaque) implements YamuxFrame {}

  /** The sender takes no more streams; {@code code} says why (NORMAL, PROTOCOL_ERROR, ...). */
  record GoAway(long code) implements YamuxFrame {}
}
