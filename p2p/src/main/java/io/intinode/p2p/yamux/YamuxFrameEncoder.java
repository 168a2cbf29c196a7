package io.intinode.p2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** {@link YamuxFrame}s to bytes; a data frame's payload goes out as is, after its header. */
public final class YamuxFrameEncoder extends MessageToMessageEncoder<YamuxFrame> {

  public YamuxFrameEncoder() {
    super(YamuxFrame.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, YamuxFrame frame, List<Object> out) {
    ByteBuf header = ctx.alloc().buffer(YamuxFrame.HEADER_BYTES);
    switch (frame) {
      case YamuxFrame.Data d -> {
        ByteBuf payload = d.content();
        writeHeader(header, YamuxFrame.TYPE_DATA, d.flags(), d.streamId(), payload.readableBytes());
        if (payload.isReadable()) {
          out.add(ctx.alloc().compositeBuffer(2).addComponents(true, header, payload.retain()));
          return;
        }
      }
      case YamuxFrame.WindowUpdate w ->
          writeHeader(header, YamuxFrame.TYPE_WINDOW_UPDATE, w.flags(), w.streamId(), w.delta());
      case YamuxFrame.Ping p -> writeHeader(header, YamuxFrame.TYPE_PING, p.flags(), 0, p.opaque());
      case YamuxFrame.GoAway g -> writeHeader(header, YamuxFrame.TYPE_GO_AWAY, 0, 0, g.code());
    }
    out.add(header);
  }

  private static void writeHeader(ByteBuf out, int type, int flags, long streamId, long length) {
    out.writeByte(YamuxFrame.VERSION);
    out.writeByte(type);
    out.writeShort(flags);
    out.writeInt((int) streamId);
    out.writeInt((int) length);
  }
}
