package io.intinode.transfer.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.p2p.core.MuxedStreamInputStream;
import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multistream.NegotiatedStream;
import io.intinode.store.Digest;
import io.intinode.transfer.blob.BlobMessage.GetChunks;
import io.intinode.transfer.blob.BlobMessage.GetRange;
import java.io.OutputStream;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Probing resistance, as an attacker would test it: many probes of a blob the server holds but must not
 * reveal and of one nobody has, compared by answer bytes and by timing (used by the transfer and node tests).
 */
public final class BlobProbes {
    /** The ABSENT answer every probe must get. */
    private static final byte[] ABSENT = HexFormat.of().parseHex("0183");
    private static final int PROBES = 1000;
    private static final int WARM_UP = 200;
    /** Requests per stream: below the server's requests-per-stream limit. */
    private static final int PER_STREAM = 500;

    private BlobProbes() {}

    /**
     * 1,000 probes of each kind in random order, each answered with exactly the ABSENT bytes; returns the
     * two-sample Kolmogorov–Smirnov p-value of their timings. At p > 0.01 one sample of truly identical
     * timings still fails 1 % of the time, so a failing sample is followed by a second, independent one
     * (both failing: 0.01 %); a real timing leak fails both.
     */
    public static double heldVersusAbsentTimingPValue(Host client, Multiaddr server, Digest held, Digest absent,
            Duration timeout) throws Exception {
        double p = timingPValue(client, server, held, absent, timeout, 12);
        return p > 0.01 ? p : timingPValue(client, server, held, absent, timeout, 13);
    }

    private static double timingPValue(Host client, Multiaddr server, Digest held, Digest absent, Duration timeout,
            long seed) throws Exception {
        long[] heldNanos = new long[PROBES];
        long[] absentNanos = new long[PROBES];
        int h = 0;
        int m = 0;
        Random order = new Random(seed);
        for (int i = -WARM_UP; h < PROBES || m < PROBES; ) {
            NegotiatedStream stream = client.newStream(server, List.of(BlobProtocol.PROTOCOL_ID))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            try (MuxedStreamInputStream in = new MuxedStreamInputStream(stream, 1 << 20, timeout);
                    OutputStream out = new MuxedStreamOutputStream(stream)) {
                // The two kinds in random order, one request at a time, alternating GET_CHUNKS and GET_RANGE.
                for (int n = 0; n < PER_STREAM && (h < PROBES || m < PROBES); n++, i++) {
                    boolean probeHeld = m == PROBES || (h < PROBES && order.nextBoolean());
                    Digest target = probeHeld ? held : absent;
                    byte[] request = BlobCodec.encode(i % 2 == 0 ? new GetChunks(target)
                            : new GetRange(target, 0, 1 << 20));
                    long start = System.nanoTime();
                    out.write(request);
                    out.flush();
                    byte[] answer = in.readNBytes(2);
                    long took = System.nanoTime() - start;
                    assertThat(answer).as(probeHeld ? "probe of the held blob" : "probe of the absent blob")
                            .isEqualTo(ABSENT);
                    if (i >= 0 && probeHeld) {
                        heldNanos[h++] = took;
                    } else if (i >= 0) {
                        absentNanos[m++] = took;
                    }
                }
            }
        }
        double d = KolmogorovSmirnov.statistic(heldNanos, absentNanos);
        double p = KolmogorovSmirnov.pValue(d, PROBES, PROBES);
        LoggerFactory.getLogger(BlobProbes.class).info("probe timings, held-but-hidden vs absent: KS D={}, p={}",
                String.format("%.4f", d), String.format("%.4f", p));
        return p;
    }
}
