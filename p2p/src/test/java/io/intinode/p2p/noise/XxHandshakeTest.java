package io.intinode.p2p.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

class XxHandshakeTest {
    private static final HexFormat HEX = HexFormat.of();

    record Vector(Map<String, String> fields, List<String[]> messages) {
        X25519PrivateKeyParameters key(String name) {
            return new X25519PrivateKeyParameters(HEX.parseHex(fields.get(name)), 0);
        }
    }

    static Vector load() throws IOException {
        try (InputStream in = XxHandshakeTest.class.getResourceAsStream("/vectors/noise/cacophony-xx.txt")) {
            Map<String, String> fields = new HashMap<>();
            List<String[]> messages = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ");
                if (parts[0].equals("message")) {
                    messages.add(new String[] {parts[1], parts[2]});
                } else {
                    fields.put(parts[0], parts[1]);
                }
            }
            return new Vector(fields, messages);
        }
    }

    @Test
    void matchesCacophonyVectorByteForByte() throws IOException {
        Vector v = load();
        byte[] prologue = HEX.parseHex(v.fields().get("prologue"));
        XxHandshake init = new XxHandshake(true, v.key("init_static"), v.key("init_ephemeral"), prologue);
        XxHandshake resp = new XxHandshake(false, v.key("resp_static"), v.key("resp_ephemeral"), prologue);
        for (int i = 0; i < 3; i++) {
            String[] m = v.messages().get(i);
            XxHandshake sender = i % 2 == 0 ? init : resp;
            XxHandshake receiver = i % 2 == 0 ? resp : init;
            byte[] written = sender.writeMessage(HEX.parseHex(m[0]));
            assertThat(HEX.formatHex(written)).as("handshake message %d", i).isEqualTo(m[1]);
            assertThat(HEX.formatHex(receiver.readMessage(written))).isEqualTo(m[0]);
        }
        assertThat(HEX.formatHex(init.handshakeHash())).isEqualTo(v.fields().get("handshake_hash"));
        assertThat(init.remoteStatic()).isEqualTo(XxHandshake.publicKey(v.key("resp_static")));
        CipherState[] i = init.split();
        CipherState[] r = resp.split();
        for (int n = 3; n < v.messages().size(); n++) {
            String[] m = v.messages().get(n);
            CipherState send = n % 2 == 0 ? i[0] : r[0];
            CipherState receive = n % 2 == 0 ? r[1] : i[1];
            byte[] c = send.encrypt(null, HEX.parseHex(m[0]));
            assertThat(HEX.formatHex(c)).as("transport message %d", n).isEqualTo(m[1]);
            assertThat(HEX.formatHex(receive.decrypt(null, c))).isEqualTo(m[0]);
        }
    }

    @Test
    void tamperedTruncatedAndOutOfTurnMessagesFail() throws IOException {
        Vector v = load();
        XxHandshake init = new XxHandshake(true, v.key("init_static"), v.key("init_ephemeral"), new byte[0]);
        XxHandshake resp = new XxHandshake(false, v.key("resp_static"), v.key("resp_ephemeral"), new byte[0]);
        resp.readMessage(init.writeMessage(new byte[0]));
        byte[] second = resp.writeMessage("payload".getBytes());
        byte[] tampered = second.clone();
        tampered[40] ^= 1;
        assertThatThrownBy(() -> init.readMessage(tampered)).isInstanceOf(NoiseException.class)
                .hasMessageContaining("bad authentication tag");
        assertThatThrownBy(() -> new XxHandshake(false, v.key("resp_static"), v.key("resp_ephemeral"), new byte[0])
                .readMessage(new byte[31])).hasMessageContaining("too short");
        XxHandshake fresh = new XxHandshake(true, v.key("init_static"), v.key("init_ephemeral"), new byte[0]);
        fresh.writeMessage(new byte[0]);
        assertThatThrownBy(() -> fresh.readMessage(java.util.Arrays.copyOf(second, 40)))
                .hasMessageContaining("too short for a static key");
        XxHandshake lowOrder = new XxHandshake(true, v.key("init_static"), v.key("init_ephemeral"), new byte[0]);
        lowOrder.writeMessage(new byte[0]);
        assertThatThrownBy(() -> lowOrder.readMessage(new byte[100])).hasMessageContaining("invalid remote X25519 key");
        assertThatThrownBy(() -> fresh.writeMessage(new byte[0])).isInstanceOf(IllegalStateException.class);
    }
}
