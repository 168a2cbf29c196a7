package io.intinode.dht.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiformats.Cid;
import io.intinode.store.Digest;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Three Java DHT nodes and one js-libp2p {@code @libp2p/kad-dht} peer on loopback find each other's records. */
@Timeout(120)
class DhtJsInteropIT {
    @TempDir
    Path dir;

    @Test
    void javaFindsWhatJsProvidesAndJsFindsWhatJavaProvides() throws Exception {
        Assumptions.assumeTrue(JsKadPeer.installed(), () -> "js kad peer not installed: run npm ci in " + JsKadPeer.DIR);
        try (LoopbackNetwork net = new LoopbackNetwork(3, DhtConfig.defaults());
                JsKadPeer js = new JsKadPeer(dir.resolve("js.err"))) {
            net.hosts.getFirst().connect(js.addr).get(10, TimeUnit.SECONDS);
            LoopbackNetwork.await(() -> net.dhts.getFirst().contacts().stream()
                    .anyMatch(c -> c.peer().id().equals(js.peerId)), "the js peer in a Java routing table");
            LoopbackNetwork.await(() -> tableSize(js) > 0, "a Java node in the js routing table");

            Cid fromJs = cid("provided by js");
            js.call("provide", "\"cid\":\"" + fromJs + "\"", 30);
            assertThat(net.dhts.get(2).findProviders(Key.ofCid(fromJs), 1, Duration.ofSeconds(10), p -> {})
                    .providers()).extracting(PeerInfo::id).contains(js.peerId);

            Cid fromJava = cid("provided by java");
            assertThat(net.dhts.get(1).provide(Key.ofCid(fromJava))).isPositive();
            String found = js.call("findProviders", "\"cid\":\"" + fromJava + "\",\"timeoutMs\":10000", 30);
            assertThat(found).contains("\"peerId\":\"" + net.hosts.get(1).peerId() + "\"");
        }
    }

    @Test
    void inAMixedNetworkOfThreeJsAndThreeJavaNodesEveryNodeFindsEveryRecord() throws Exception {
        Assumptions.assumeTrue(JsKadPeer.installed(), () -> "js kad peer not installed: run npm ci in " + JsKadPeer.DIR);
        List<JsKadPeer> js = new ArrayList<>();
        try (LoopbackNetwork net = new LoopbackNetwork(3, DhtConfig.defaults())) {
            for (int i = 0; i < 3; i++) {
                JsKadPeer peer = new JsKadPeer(dir.resolve("js" + i + ".err"));
                js.add(peer);
                peer.call("dial", "\"addr\":\"" + net.addr(i) + "\"", 20); // each js peer joins through another Java node
                LoopbackNetwork.await(() -> tableSize(peer) > 0, "a Java node in the js routing table");
            }
            List<Cid> records = new ArrayList<>();
            List<PeerId> owners = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Cid c = cid("java record " + i);
                net.dhts.get(i).provide(Key.ofCid(c));
                records.add(c);
                owners.add(net.hosts.get(i).peerId());
                Cid j = cid("js record " + i);
                js.get(i).call("provide", "\"cid\":\"" + j + "\"", 30);
                records.add(j);
                owners.add(js.get(i).peerId);
            }
            for (int r = 0; r < records.size(); r++) {
                for (int n = 0; n < 3; n++) {
                    assertThat(net.dhts.get(n).findProviders(Key.ofCid(records.get(r)), 1, Duration.ofSeconds(10),
                            p -> {}).providers()).as("Java node %d finds record %d", n, r)
                            .extracting(PeerInfo::id).contains(owners.get(r));
                    String found = js.get(n).call("findProviders", "\"cid\":\"" + records.get(r)
                            + "\",\"timeoutMs\":10000", 30);
                    assertThat(found).as("js node %d finds record %d", n, r)
                            .contains("\"peerId\":\"" + owners.get(r) + "\"");
                }
            }
        } finally {
            for (JsKadPeer peer : js) {
                peer.close();
            }
        }
    }

    private static int tableSize(JsKadPeer js) {
        try {
            String answer = js.call("tableSize", "", 10);
            return Integer.parseInt(answer.replaceAll(".*\"size\":(\\d+).*", "$1"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Cid cid(String text) throws Exception {
        return Cid.of(Digest.of(MessageDigest.getInstance("SHA-256").digest(text.getBytes())));
    }
}
