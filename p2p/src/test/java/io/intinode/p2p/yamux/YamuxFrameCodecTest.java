package io.intinode.p2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.p2p.testing.NoLeaks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(NoLeaks.class)
class YamuxFrameCodecTest {
  private static final int CAP = 1 << 20;

  /** The frames behind the headers js-libp2p's yamux encoded (vectors/yamux/js-headers.txt). */
  private static final Map<String, Object> EXPECTED = Map.of(
      "data-syn-stream1-len5", new Object[] {1L, YamuxFrame.SYN, "hello"},
      "data-stream2-len0-fin", new Object[] {2L, YamuxFrame.FIN, ""},
      "window-update-syn-stream1-delta-16515072",
          new YamuxFrame.WindowUpdate(1, YamuxFrame.SYN, 16515072),
      "window-update-ack-stream2-delta0", new YamuxFrame.WindowUpdate(2, YamuxFrame.ACK, 0),
      "window-update-rst-stream-max", new YamuxFrame.WindowUpdate(0xFFFF_FFFFL, YamuxFrame.RST, 0),
      "window-update-stream3-delta-max", new YamuxFrame.WindowUpdate(3, 0, 0xFFFF_FFFFL),
      "ping-syn-opaque-7", new YamuxFrame.Ping(YamuxFrame.SYN, 7),
      "ping-ack-opaque-max", new YamuxFrame.Ping(YamuxFrame.ACK, 0xFFFF_FFFFL),
      "go-away-normal", new YamuxFrame.GoAway(YamuxFrame.NORMAL),
      "go-away-protocol-error", new YamuxFrame.GoAway(YamuxFrame.PROTOCOL_ERROR));

  @Test
  void decodesAndEncodesJsLibp2pVectors() throws IOException {
    Map<String, String> vectors = vectors();
    assertThat(vectors.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    for (var v : vectors.entrySet()) {
      Object expected = EXPECTED.get(v.getKey());
      byte[] header = ByteBufUtil.decodeHexDump(v.getValue());
      String payload = expected instanceof Object[] d ? (String) d[2] : "";
      ByteBuf wire = Unpooled.buffer().writeBytes(header)
          .writeBytes(payload.getBytes(StandardCharsets.US_ASCII));
      byte[] wireBytes = ByteBufUtil.getBytes(wire);

      EmbeddedChannel decoder = new EmbeddedChannel(new YamuxFrameDecoder(CAP));
      decoder.writeInbound(wire);
      Object frame = decoder.readInbound();
      if (expected instanceof Object[] d) {
        YamuxFrame.Data data = (YamuxFrame.Data) frame;
        assertThat(data.streamId()).as(v.getKey()).isEqualTo(d[0]);
        assertThat(data.flags()).as(v.getKey()).isEqualTo(d[1]);
        assertThat(data.content().toString(StandardCharsets.US_ASCII)).isEqualTo(payload);
        data.release();
        frame = new YamuxFrame.Data((Long) d[0], (Integer) d[1],
            Unpooled.copiedBuffer(payload, StandardCharsets.US_ASCII));
      } else {
        assertThat(frame).as(v.getKey()).isEqualTo(expected);
      }
      assertThat(decoder.finish()).isFalse();

      EmbeddedChannel encoder = new EmbeddedChannel(new YamuxFrameEncoder());
      encoder.writeOutbound(frame);
      assertThat(readAll(encoder)).as(v.getKey()).isEqualTo(wireBytes);
    }
  }

  @Test
  void waitsForTruncatedHeaderAndPayload() {
    EmbeddedChannel ch = new EmbeddedChannel(new YamuxFrameDecoder(CAP));
    byte[] frame = ByteBufUtil.decodeHexDump("000000010000000100000005" + "68656c6c6f");
    for (int i = 0; i < frame.length - 1; i++) {
      ch.writeInbound(Unpooled.wrappedBuffer(frame, i, 1));
      assertThat((Object) ch.readInbound()).as("after %d bytes", i + 1).isNull();
    }
    ch.writeInbound(Unpooled.wrappedBuffer(frame, frame.length - 1, 1));
    YamuxFrame.Data data = ch.readInbound();
    assertThat(data.content().toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
    data.release();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void decodesSeveralFramesFromOneRead() {
    EmbeddedChannel ch = new EmbeddedChannel(new YamuxFrameDecoder(CAP));
    ch.writeInbound(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(
        "000200010000000000000007" + "000000040000000200000000" + "000300000000000000000001")));
    assertThat((Object) ch.readInbound()).isEqualTo(new YamuxFrame.Ping(YamuxFrame.SYN, 7));
    YamuxFrame.Data fin = ch.readInbound();
    assertThat(fin.flags()).isEqualTo(YamuxFrame.FIN);
    fin.release();
    assertThat((Object) ch.readInbound()).isEqualTo(new YamuxFrame.GoAway(1));
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "010000010000000100000000", // version 1
      "000400000000000000000000", // type 4
      "000100100000000100000000", // flag 0x10
      "000000000000000000000000", // data on stream 0
      "000100010000000000000000", // window update on stream 0
      "000200010000000100000000", // ping on stream 1
      "000200030000000000000000", // ping with SYN|ACK
      "000200000000000000000000", // ping without SYN or ACK
      "000300000000000500000000", // go-away on stream 5
      "000000000000000100100001", // data of 1 MiB + 1 byte: above the cap
      "00000000000000ffffffffff", // data of 4 GiB - 1
  })
  void rejectsMalformedAndOversizedHeaders(String hex) {
    EmbeddedChannel ch = new EmbeddedChannel(new YamuxFrameDecoder(CAP));
    ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex + "000000010000000100000000"));
    assertThatThrownBy(() -> ch.writeInbound(in))
        .isInstanceOf(DecoderException.class)
        .hasCauseInstanceOf(YamuxException.class)
        .cause().satisfies(e -> assertThat(((YamuxException) e).goAwayCode())
            .isEqualTo(YamuxFrame.PROTOCOL_ERROR));
    // Framing is lost: later bytes, even a valid frame, are dropped.
    ch.writeInbound(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("000200010000000000000007")));
    assertThat((Object) ch.readInbound()).isNull();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  private static byte[] readAll(EmbeddedChannel ch) {
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
      all.writeBytes(b);
      b.release();
    }
    byte[] bytes = ByteBufUtil.getBytes(all);
    all.release();
    return bytes;
  }

  private static Map<String, String> vectors() throws IOException {
    Map<String, String> vectors = new LinkedHashMap<>();
    try (InputStream in = YamuxFrameCodecTest.class.getResourceAsStream("/vectors/yamux/js-headers.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.trim().split(" ");
          vectors.put(parts[0], parts[1]);
        }
      }
    }
    return vectors;
  }
}
