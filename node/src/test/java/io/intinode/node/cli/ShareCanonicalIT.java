package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.node.office.OfficeAnswer;
import io.intinode.node.office.OfficeClient;
import io.intinode.node.privacy.canon.CanonManifest;
import io.intinode.node.privacy.canon.ManifestCodec;
import io.intinode.node.privacy.canon.ManifestEntry;
import io.intinode.node.privacy.canon.ManifestSigner;
import io.intinode.node.privacy.canon.ProfileLevels;
import io.intinode.node.privacy.canon.PublisherKey;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.noise.NoiseTransport;
import io.intinode.p2p.yamux.YamuxMuxer;
import io.intinode.store.Digest;
import io.intinode.store.file.Sha256;
import io.intinode.transfer.blob.BlobProbes;
import io.intinode.transfer.blob.PeerChunkSource;
import io.intinode.transfer.download.SourceException;
import io.intinode.transfer.webseed.NginxServer;
import java.io.BufferedReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes in child JVMs (no mDNS; each configures the other two as LAN peers) follow one signed canonical
 * manifest fetched from nginx: a and b fetch the level's blobs, a secret blob on no ladder and an office blob;
 * c fetches all but one blob of the level and no office blob, and gets both holes from its LAN peers. They join
 * the level with its marker, count each other on the DHT and the LAN with serve probes, and announce the level. The secret stays invisible: no DHT provider, and the blob protocol answers "absent" exactly as for
 * a blob nobody has, in its bytes and, over 1,000 probes of each, in its timing; the office blob is served to LAN
 * peers only.
 */
@Timeout(180)
class ShareCanonicalIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> NODES = List.of("a", "b", "c");

    @TempDir
    Path data;

    @Test
    void aCanonicalLevelIsAnnouncedAndAHeldButUnannouncedBlobIsInvisible() throws Exception {
        Path www = Files.createDirectories(data.resolve("www"));
        Map<String, Digest> blobs = new LinkedHashMap<>();
        List<ManifestEntry> level = new ArrayList<>();
        for (String name : List.of("l1", "l2", "l3", "l4", "secret", "office")) {
            byte[] content = new byte[200_000];
            new Random(name.hashCode()).nextBytes(content);
            Files.write(www.resolve(name), content);
            blobs.put(name, Sha256.of(content));
            if (name.startsWith("l")) {
                level.add(new ManifestEntry(Sha256.of(content), "pkg-" + name, "1.0", content.length));
            }
        }
        PrivateKey key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        Instant notAfter = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Digest manifest = publish(www, "manifest.json", ManifestSigner.sign(new CanonManifest("", 1, notAfter, 3,
                List.of(new ProfileLevels("test-os", 100, List.of(level)))), key));
        Digest office = publish(www, "office.json", ManifestSigner.sign(new CanonManifest("", 1, notAfter, 2,
                List.of(new ProfileLevels("office", 3, List.of(List.of(new ManifestEntry(blobs.get("office"),
                        "internal-tool", "7", 200_000)))))), key));

        Map<String, String> ids = new LinkedHashMap<>();
        for (String n : NODES) {
            CliRun id = CliRun.run(data.resolve(n), "id");
            assertThat(id.exitCode()).as(id.err()).isZero();
            ids.put(n, id.out().strip());
        }
        Identity coworker = Identity.generate(RANDOM); // this test's own host, a LAN peer of node a
        List<Process> started = new ArrayList<>();
        try (NginxServer nginx = NginxServer.start(www, data.resolve("nginx"))) {
            for (String n : NODES) {
                writeConfig(n, ids, manifest, office, PublisherKey.of(key).toString(), nginx,
                        n.equals("a") ? coworker.peerId().toString() : null);
            }
            Process a = NodeProcesses.start(data, started, "a");
            BufferedReader aOut = NodeProcesses.reader(a);
            String aAddr = NodeProcesses.awaitLine(aOut, "listening on ").substring("listening on ".length());
            assertThat(NodeProcesses.awaitLine(aOut, "share: ")).isEqualTo("share: on (canonical)");
            for (String n : List.of("b", "c")) {
                BufferedReader out = NodeProcesses.reader(NodeProcesses.start(data, started, n, "--bootstrap", aAddr));
                NodeProcesses.awaitLine(out, "dht: routing table");
            }
            for (String n : NODES) {
                // c lacks l4 (a hole of the level) and the office blob: both must come from its LAN peers.
                for (String blob : n.equals("c") ? List.of("l1", "l2", "l3", "secret")
                        : List.of("l1", "l2", "l3", "l4", "secret", "office")) {
                    fetchThroughApi(n, blobs.get(blob), nginx.url("/" + blob));
                }
            }
            for (String n : NODES) {
                // Peers connect as lookups and probes run, so the LAN count may reach 3 a round after the check;
                // c announces the office set only once its hole, the office blob, has arrived from a peer.
                String status = awaitStatus(n, "class: 3 hosts on the DHT, 3 on the LAN", "1 to the LAN only");
                assertThat(status).contains("mode: canonical", "manifest: epoch 1 by " + PublisherKey.of(key),
                        "level: test-os level 1 (class check passed)", "announced: 4 blobs globally, 1 to the LAN only",
                        "uploads: allowed");
            }

            // c was never given a URL for l4 or the office blob: holding them (status above), it got them from
            // peers; its other blobs may come from LAN peers too, before the webseed.
            java.util.regex.Matcher fromLan = java.util.regex.Pattern.compile(
                    "intinode_resolved_blobs_total\\{source=\"lan\"} (\\d+)").matcher(api("c", "/metrics"));
            assertThat(fromLan.find()).isTrue();
            assertThat(Integer.parseInt(fromLan.group(1))).isGreaterThanOrEqualTo(2);

            // The DHT: the level's blobs have providers, the secret has none.
            assertThat(findProviders("b", blobs.get("l1")).exitCode()).isZero();
            CliRun secret = findProviders("b", blobs.get("secret"));
            assertThat(secret.exitCode()).as(secret.out()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(findProviders("b", blobs.get("office")).exitCode()).as("the office set never reaches the DHT")
                    .isEqualTo(ExitCodes.NOT_FOUND);

            // The blob protocol, from a peer outside the LAN: the secret looks exactly like a blob nobody has.
            try (Host outsider = host(Identity.generate(RANDOM)); Host lan = host(coworker)) {
                Multiaddr aPeer = Multiaddr.parse(aAddr);
                PeerChunkSource fromA = new PeerChunkSource(outsider, aPeer, Duration.ofSeconds(10));
                assertThat(fromA.chunkList(blobs.get("l1")).blob()).isEqualTo(blobs.get("l1"));
                assertThat(fromA.read(blobs.get("l2"), 1000, 500)).hasSize(500);
                Digest nobodyHasIt = Sha256.of("never stored anywhere".getBytes(StandardCharsets.UTF_8));
                for (Digest hidden : List.of(blobs.get("secret"), blobs.get("office"), nobodyHasIt)) {
                    assertThatThrownBy(() -> fromA.chunkList(hidden)).as(hidden.toString())
                            .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.absent()).isTrue());
                    assertThatThrownBy(() -> fromA.read(hidden, 0, 100)).as(hidden.toString())
                            .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.absent()).isTrue());
                }
                // An attacker's 1,000 probes of each, through a's announced index: the held secret and the
                // blob nobody has get the same bytes, and their timings cannot be told apart (KS p > 0.01).
                assertThat(BlobProbes.heldVersusAbsentTimingPValue(outsider, aPeer, blobs.get("secret"), nobodyHasIt,
                        Duration.ofSeconds(10))).as("KS p-value of held-but-unannounced vs absent probe timings")
                        .isGreaterThan(0.01);
                assertThat(new OfficeClient(outsider, Duration.ofSeconds(10)).ask(aPeer))
                        .as("a non-LAN peer learns nothing of the office set").isEqualTo(OfficeAnswer.NOTHING);

                // A LAN peer of a is told the office set and served it.
                OfficeAnswer told = new OfficeClient(lan, Duration.ofSeconds(10)).ask(aPeer);
                assertThat(told.lanSet()).containsExactly(blobs.get("office"));
                assertThat(told.levelMarker()).isPresent();
                PeerChunkSource lanFromA = new PeerChunkSource(lan, aPeer, Duration.ofSeconds(10));
                assertThat(lanFromA.chunkList(blobs.get("office")).blob()).isEqualTo(blobs.get("office"));
                assertThatThrownBy(() -> lanFromA.chunkList(blobs.get("secret")))
                        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.absent()).isTrue());
            }
        } finally {
            NodeProcesses.stopAll(started);
        }
    }

    /**
     * Three nodes announce one level; the test's own host is a LAN peer of each that announces nothing, a lone
     * empty coworker. Once it has done so for the join window, exactly one node (the lowest-ranked: which one
     * depends on the random peer ids) stands in and announces nothing too, and the other two keep the level with
     * a class of two. When the empty peer leaves the LAN, the stand-in joins its level again.
     */
    @Test
    void oneNodeStandsInForALoneEmptyLanPeerAndRejoinsWhenItLeaves() throws Exception {
        Path www = Files.createDirectories(data.resolve("www"));
        List<ManifestEntry> level = new ArrayList<>();
        List<String> names = List.of("l1", "l2", "l3");
        for (String name : names) {
            byte[] content = new byte[100_000];
            new Random(name.hashCode()).nextBytes(content);
            Files.write(www.resolve(name), content);
            level.add(new ManifestEntry(Sha256.of(content), "pkg-" + name, "1.0", content.length));
        }
        PrivateKey key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        Instant notAfter = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Digest manifest = publish(www, "manifest.json", ManifestSigner.sign(new CanonManifest("", 1, notAfter, 2,
                List.of(new ProfileLevels("test-os", 100, List.of(level)))), key));
        Map<String, String> ids = new LinkedHashMap<>();
        for (String n : NODES) {
            CliRun id = CliRun.run(data.resolve(n), "id");
            assertThat(id.exitCode()).as(id.err()).isZero();
            ids.put(n, id.out().strip());
        }
        Identity empty = Identity.generate(RANDOM);
        List<Process> started = new ArrayList<>();
        try (NginxServer nginx = NginxServer.start(www, data.resolve("nginx"))) {
            for (String n : NODES) {
                writeConfig(n, ids, manifest, null, PublisherKey.of(key).toString(), nginx, empty.peerId().toString(),
                        2, "20s");
            }
            Map<String, Multiaddr> addrs = new LinkedHashMap<>();
            BufferedReader aOut = NodeProcesses.reader(NodeProcesses.start(data, started, "a"));
            String aAddr = NodeProcesses.awaitLine(aOut, "listening on ").substring("listening on ".length());
            addrs.put("a", Multiaddr.parse(aAddr));
            for (String n : List.of("b", "c")) {
                BufferedReader out = NodeProcesses.reader(NodeProcesses.start(data, started, n, "--bootstrap", aAddr));
                addrs.put(n, Multiaddr.parse(NodeProcesses.awaitLine(out, "listening on ")
                        .substring("listening on ".length())));
                NodeProcesses.awaitLine(out, "dht: routing table");
            }
            try (Host coworker = host(empty)) {
                new io.intinode.node.office.OfficeServer(c -> true, () -> OfficeAnswer.NOTHING).install(coworker);
                for (Multiaddr addr : addrs.values()) {
                    // Connects: each node then surveys this peer every round over that connection.
                    assertThat(new OfficeClient(coworker, Duration.ofSeconds(10)).ask(addr).levelMarker()).isEmpty();
                }
                for (String n : NODES) {
                    for (int i = 0; i < names.size(); i++) {
                        fetchThroughApi(n, level.get(i).digest(), nginx.url("/" + names.get(i)));
                    }
                }
                String standIn = awaitOneStandIn();
                for (String n : NODES) {
                    if (!n.equals(standIn)) {
                        // Its next count no longer finds the stand-in (no marker, and it fails the serve probe).
                        awaitStatus(n, "level: test-os level 1 (class check passed)",
                                "class: 2 hosts on the DHT, 2 on the LAN");
                    }
                }
            }
            // The empty peer left: no lone empty host, so the stand-in joins again and the class is three.
            for (String n : NODES) {
                awaitStatus(n, "level: test-os level 1 (class check passed)", "class: 3 hosts on the DHT, 3 on the LAN");
            }
        } finally {
            NodeProcesses.stopAll(started);
        }
    }

    /**
     * Waits until one node stands in, the same one in five polls running (two may stand in for a round when one
     * withdraws while another probes it), and returns it.
     */
    private String awaitOneStandIn() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = null;
        int same = 0;
        while (System.nanoTime() < deadline) {
            List<String> standing = new ArrayList<>();
            for (String n : NODES) {
                if (CliRun.run(data.resolve(n), "share", "status").out().contains("level: none (standing in")) {
                    standing.add(n);
                }
            }
            String now = standing.size() == 1 ? standing.getFirst() : null;
            same = now != null && now.equals(last) ? same + 1 : 1;
            last = now;
            if (now != null && same >= 5) {
                return now;
            }
            Thread.sleep(200); // polling interval of a bounded wait on the nodes' state
        }
        throw new AssertionError("no single node stood in for the lone empty LAN peer; last: " + last);
    }

    private static Digest publish(Path www, String name, io.intinode.node.privacy.canon.SignedManifest m)
            throws Exception {
        byte[] bytes = ManifestCodec.encode(m);
        Files.write(www.resolve(name), bytes);
        return Sha256.of(bytes);
    }

    private void writeConfig(String node, Map<String, String> ids, Digest manifest, Digest office, String publisher,
            NginxServer nginx, String extraLanPeer) throws Exception {
        writeConfig(node, ids, manifest, office, publisher, nginx, extraLanPeer, 3, "2m");
    }

    /** @param office the office manifest, or null for none */
    private void writeConfig(String node, Map<String, String> ids, Digest manifest, Digest office, String publisher,
            NginxServer nginx, String extraLanPeer, int k, String joinWindow) throws Exception {
        StringBuilder conf = new StringBuilder("""
                share-mode = canonical
                share-profile = test-os
                share-office-k = 2
                share-interval = 1s
                """);
        conf.append("share-k = ").append(k).append('\n');
        conf.append("share-join-window = ").append(joinWindow).append('\n');
        conf.append("share-publisher-key = ").append(publisher).append('\n');
        conf.append("share-manifest = ").append(manifest).append('\n');
        conf.append("share-manifest-url = ").append(nginx.url("/manifest.json")).append('\n');
        if (office != null) {
            conf.append("share-office-manifest = ").append(office).append('\n');
            conf.append("share-office-manifest-url = ").append(nginx.url("/office.json")).append('\n');
        }
        ids.forEach((n, id) -> {
            if (!n.equals(node)) {
                conf.append("lan-peer = ").append(id).append('\n');
            }
        });
        if (extraLanPeer != null) {
            conf.append("lan-peer = ").append(extraLanPeer).append('\n');
        }
        Files.createDirectories(data.resolve(node));
        Files.writeString(data.resolve(node).resolve("intinode.conf"), conf.toString());
    }

    private String api(String node, String path) throws Exception {
        Process p = new ProcessBuilder("curl", "-sf", "--max-time", "20", "--unix-socket",
                data.resolve(node).resolve("api.sock").toString(), "http://localhost" + path)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String body = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("GET " + path + " on " + node).isZero();
        return body;
    }

    private void fetchThroughApi(String node, Digest digest, String url) throws Exception {
        String path = "/v1/blobs/" + digest + "?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "20",
                "--unix-socket", data.resolve(node).resolve("api.sock").toString(), "http://localhost" + path)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String code = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(code).as("fetch " + digest + " on " + node).isEqualTo("200");
    }

    /** Polls {@code share status} until it contains {@code text}: rounds run every second; bounded. */
    private String awaitStatus(String node, String... texts) throws Exception {
        String last = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            CliRun r = CliRun.run(data.resolve(node), "share", "status");
            last = r.out() + r.err();
            if (java.util.Arrays.stream(texts).allMatch(r.out()::contains)) {
                return r.out();
            }
            Thread.sleep(200); // polling interval of a bounded wait on the node's state
        }
        throw new AssertionError(node + ": share status never showed " + java.util.Arrays.toString(texts) + "; last:\n" + last);
    }

    private CliRun findProviders(String node, Digest digest) {
        return CliRun.run(data.resolve(node), "dht", "find-providers", digest.toString(), "--timeout", "3s");
    }

    private static Host host(Identity id) {
        return new Host(id, HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))),
                new NoiseTransport(id, RANDOM), new YamuxMuxer()).start();
    }
}
