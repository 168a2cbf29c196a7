package io.intinode.p2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Bytes to {@link YamuxFrame}s. A malformed header or a data frame above {@code maxDataBytes}
 * raises {@link YamuxException}; the decoder then discards all further input, since framing is lost.
 */
public final class YamuxFrameDecoder extends ByteToMessageDecoder {
  private final long maxDataBytes;
  private boolean failed;

  public YamuxFrameDecoder(long maxDataBytes) {
    this.maxDataBytes = maxDataBytes;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < YamuxFrame.HEADER_BYTES) {
      return;
    }
    int at = in.readerIndex();
    int version = in.getUnsignedByte(at);
    int type = in.getUnsignedByte(at + 1);
    int flags = in.getUnsignedShort(at + 2);
    long streamId = in.getUnsignedInt(at + 4);
    long length = in.getUnsignedInt(at + 8);
    if (version != YamuxFrame.VERSION) {
      throw fail(in, "unsupported yamux version " + version);
    }
    if ((flags & ~YamuxFrame.ALL_FLAGS) != 0) {
      throw fail(in, "unknown flags 0x" + Integer.toHexString(flags));
    }
    switch (type) {
      case YamuxFrame.TYPE_DATA -> {
        if (streamId == 0) {
          throw fail(in, "data frame on stream 0");
        }
        if (length > maxDataBytes) {
          throw fail(in, "data frame of " + length + " bytes exceeds the cap of " + maxDataBytes);
        }
        if (in.readableBytes() < YamuxFrame.HEADER_BYTES + length) {
          return;
        }
        in.skipBytes(YamuxFrame.HEADER_BYTES);
        out.add(new YamuxFrame.Data(streamId, flags, in.readRetainedSlice((int) length)));
      }
      case YamuxFrame.TYPE_WINDOW_UPDATE -> {
        if (streamId == 0) {
          throw fail(in, "window update on stream 0");
        }
        in.skipBytes(YamuxFrame.HEADER_BYTES);
        out.add(new YamuxFrame.WindowUpdate(streamId, flags, length));
      }
      case YamuxFrame.TYPE_PING -> {
        if (streamId != 0 || (flags != YamuxFrame.SYN && flags != YamuxFrame.ACK)) {
          throw fail(in, "ping with stream " + streamId + " and flags 0x" + Integer.toHexString(flags));
        }
        in.skipBytes(YamuxFrame.HEADER_BYTES);
        out.add(new YamuxFrame.Ping(flags, length));
      }
      case YamuxFrame.TYPE_GO_AWAY -> {
        if (streamId != 0) {
          throw fail(in, "go-away on stream " + streamId);
        }
        in.skipBytes(YamuxFrame.HEADER_BYTES);
        out.add(new YamuxFrame.GoAway(length));
      }
      default -> throw fail(in, "unknown frame type " + type);
    }
  }

  private YamuxException fail(ByteBuf in, String reason) {
    failed = true;
    in.skipBytes(in.readableBytes());
    return YamuxException.protocol(reason);
  }
}
