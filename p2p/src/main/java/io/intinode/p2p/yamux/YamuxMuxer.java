package io.intinode.p2p.yamux;

import io.intinode.p2p.core.MuxedSession;
import io.intinode.p2p.core.MuxedStream;
import io.intinode.p2p.core.StreamMuxer;
import io.netty.channel.Channel;
import java.util.function.Consumer;

/** {@code /yamux/1.0.0} as a {@link StreamMuxer}. */
public final class YamuxMuxer implements StreamMuxer {
  public static final String PROTOCOL_ID = "/yamux/1.0.0";

  private final YamuxConfig config;

  public YamuxMuxer(YamuxConfig config) {
    this.config = config;
  }

  public YamuxMuxer() {
    this(YamuxConfig.DEFAULT);
  }

  @Override
  public String protocolId() {
    return PROTOCOL_ID;
  }

  @Override
  public MuxedSession start(Channel channel, boolean initiator, Consumer<MuxedStream> inbound) {
    YamuxSessionHandler session = new YamuxSessionHandler(config, initiator, inbound, channel.eventLoop(), System::nanoTime);
    channel.pipeline().addLast(
        new YamuxFrameDecoder(config.maxWindowBytes()), new YamuxFrameEncoder(), session);
    return session;
  }
}
