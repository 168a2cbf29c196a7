package io.intinode.p2p.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NoiseFrameCodecTest {
    private static final byte[] KEY = new byte[CipherState.KEY_BYTES];
    private static final int MAX = NoiseFrameEncoder.MAX_PLAINTEXT_BYTES;

    @Test
    void wholeWritesShareAFrameWhileTheyFitAndAreNotSplitAcrossTwo() {
        EmbeddedChannel sender = new EmbeddedChannel(new NoiseFrameEncoder(new CipherState(KEY)));
        byte[] header = bytes(12, 1);
        byte[] payload = bytes(MAX - 12, 2);
        byte[] small = bytes(100, 3);
        ByteBuf[] writes = {Unpooled.wrappedBuffer(small), Unpooled.wrappedBuffer(header), Unpooled.wrappedBuffer(payload)};
        List<ChannelFuture> done = new ArrayList<>();
        for (ByteBuf w : writes) {
            done.add(sender.write(w));
        }
        assertThat(done).noneMatch(ChannelFuture::isDone); // queued until flush

        sender.flush();

        // 100 + 12 fit together, the payload would not fit after them: it starts the next frame whole.
        assertThat(plaintexts(sender)).containsExactly(concat(small, header), payload);
        assertThat(done).allMatch(ChannelFuture::isSuccess);
        assertThat(writes).allMatch(w -> w.refCnt() == 0);
        assertThat(sender.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aWriteLargerThanAFrameIsSplitAndDoneWithItsLastFrame() {
        EmbeddedChannel sender = new EmbeddedChannel(new NoiseFrameEncoder(new CipherState(KEY)));
        byte[] big = bytes(3 * MAX + 7, 4);
        ByteBuf write = Unpooled.wrappedBuffer(big);
        ChannelFuture done = sender.writeAndFlush(write);

        List<byte[]> frames = plaintexts(sender);

        assertThat(frames).extracting(f -> f.length).containsExactly(MAX, MAX, MAX, 7);
        assertThat(concat(frames.toArray(byte[][]::new))).isEqualTo(big);
        assertThat(done.isSuccess()).isTrue();
        assertThat(write.refCnt()).isZero();
        assertThat(sender.finishAndReleaseAll()).isFalse();
    }

    @Test
    void closingFailsAndReleasesWhatWasNotFlushed() {
        EmbeddedChannel sender = new EmbeddedChannel(new NoiseFrameEncoder(new CipherState(KEY)));
        ByteBuf write = Unpooled.wrappedBuffer(bytes(10, 5));
        ChannelFuture done = sender.write(write);

        sender.close();

        assertThat(done.cause()).isInstanceOf(java.nio.channels.ClosedChannelException.class);
        assertThat(write.refCnt()).isZero();
    }

    /** Decrypts the sender's outbound frames one by one, as the far side's decoder does. */
    private static List<byte[]> plaintexts(EmbeddedChannel sender) {
        EmbeddedChannel receiver = new EmbeddedChannel(new NoiseFrameDecoder(new CipherState(KEY)));
        List<byte[]> out = new ArrayList<>();
        for (ByteBuf frame = sender.readOutbound(); frame != null; frame = sender.readOutbound()) {
            receiver.writeInbound(frame);
            ByteBuf plain = receiver.readInbound();
            out.add(ByteBufUtil.getBytes(plain));
            plain.release();
            assertThat((Object) receiver.readInbound()).isNull(); // one frame in, one plaintext out
        }
        assertThat(receiver.finishAndReleaseAll()).isFalse();
        return out;
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        byte[] out = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
