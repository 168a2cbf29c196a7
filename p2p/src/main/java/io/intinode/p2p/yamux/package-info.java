/**
 * Yamux, {@code /yamux/1.0.0}: the stream muxer of libp2p, which uses hashicorp/yamux's spec.md
 * (version 0 frames) unchanged.
 *
 * <p>{@link io.intinode.p2p.yamux.YamuxFrameDecoder} and {@link
 * io.intinode.p2p.yamux.YamuxFrameEncoder} turn bytes into {@link io.intinode.p2p.yamux.YamuxFrame}s
 * and back; {@link io.intinode.p2p.yamux.YamuxSessionHandler} runs the session on the event loop;
 * {@link io.intinode.p2p.yamux.ReceiveWindow} decides window updates without I/O. {@link
 * io.intinode.p2p.yamux.YamuxMuxer} installs the three as a {@link
 * io.intinode.p2p.core.StreamMuxer}.
 *
 * <p>Choices within the spec: the dialler numbers its streams odd, the listener even; a new stream
 * is announced by a window update with SYN, accepted at once by one with ACK; half-close and reset
 * are window updates with FIN and RST. Receive windows start at the spec's 256 KiB and double with
 * each update while the reader keeps up, up to 16 MiB per stream and 64 MiB per connection. Pings
 * are answered; go-away stops new streams and closes the connection once the last stream ends.
 * Inbound streams past the cap (512) are reset. Protocol violations (bad header, data beyond the
 * window, reused or wrong-parity stream ids) and floods (more than 64 inbound streams in a row
 * refused or reset by the remote) close the connection with go-away code 1 (protocol error).
 */
package io.intinode.p2p.yamux;
