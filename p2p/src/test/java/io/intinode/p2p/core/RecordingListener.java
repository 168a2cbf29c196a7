package io.intinode.p2p.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** Collects what a stream delivers, for assertions. */
public final class RecordingListener implements MuxedStream.Listener {
  public final ByteBuf received = Unpooled.buffer();
  public boolean remoteClosed;
  public MuxerException reset;

  @Override
  public void onData(MuxedStream stream, ByteBuf data) {
    received.writeBytes(data);
    data.release();
  }

  @Override
  public void onRemoteClose(MuxedStream stream) {
    remoteClosed = true;
  }

  @Override
  public void onReset(MuxedStream stream, MuxerException cause) {
    reset = cause;
  }

  public String text() {
    return received.toString(StandardCharsets.UTF_8);
  }

  public void release() {
    received.release();
  }
}
