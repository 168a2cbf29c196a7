package io.intinode.p2p.core;

import io.netty.channel.Channel;
import java.util.function.Consumer;

/**
 * A stream multiplexer (e.g. yamux): turns one secured, ordered, reliable byte channel into many
 * independent streams. Implementations are stateless factories; all state lives in the returned
 * {@link MuxedSession}.
 */
public interface StreamMuxer {

  /** The multistream-select protocol id, e.g. {@code /yamux/1.0.0}. */
  String protocolId();

  /**
   * Installs the muxer at the tail of {@code channel}'s pipeline. The channel carries plaintext
   * (the secure channel sits below). Call this on the channel's event loop, before the handler
   * that negotiated the muxer removes itself, so bytes it already read reach the muxer.
   *
   * @param initiator true on the side that dialled the connection (stream ids differ by role)
   * @param inbound called on the event loop for every stream the remote opens; it must set a
   *     {@link MuxedStream.Listener} (data waits, bounded by the flow-control window, until it
   *     does) or reset the stream
   */
  MuxedSession start(Channel channel, boolean initiator, Consumer<MuxedStream> inbound);
}
