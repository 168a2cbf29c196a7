package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.node.privacy.canon.CanonManifest;
import io.intinode.node.privacy.canon.ManifestCodec;
import io.intinode.node.privacy.canon.ProfileLevels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CanonCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = IntinodeCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static String digest(int n) {
        return "sha256:" + String.format("%064x", n);
    }

    private Path table() throws Exception {
        Path t = dir.resolve("support.tsv");
        Files.writeString(t, "profile\tdigest\tpackage\tversion\tcount\tsize\n"
                + "debian-13\t" + digest(1) + "\tbash\t5.2\t1000\t1500000\n"
                + "debian-13\t" + digest(2) + "\tcurl\t8.14\t300\t400000\n"
                + "debian-13\t" + digest(3) + "\tjq\t1.7\t20\t90000\n");
        return t;
    }

    @Test
    void buildSignVerifyShow() throws Exception {
        Path key = dir.resolve("publisher.pem");
        assertThat(run("canon", "keygen", "-o", key.toString())).isZero();
        String publisher = out.toString().trim();
        assertThat(publisher).startsWith("ed25519:");
        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);

        Path unsigned = dir.resolve("m.json");
        Path signed = dir.resolve("m.signed.json");
        assertThat(run("canon", "build", "--epoch", "4", "-o", unsigned.toString(), table().toString())).isZero();
        assertThat(err.toString()).contains("1 profiles, 3 blobs");
        assertThat(run("canon", "verify", "--publisher-key", publisher, unsigned.toString()))
                .isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(err.toString()).contains("not signed");

        assertThat(run("canon", "sign", "--key", key.toString(), "-o", signed.toString(), unsigned.toString())).isZero();
        assertThat(run("canon", "verify", "--publisher-key", publisher, signed.toString())).isZero();
        assertThat(out.toString()).startsWith("ok: epoch 4 by " + publisher);

        assertThat(run("canon", "show", "--entries", signed.toString())).isZero();
        assertThat(out.toString()).contains("profile debian-13 (n = 1000)", "+ " + digest(3) + "  jq 1.7",
                "donor ladder");
    }

    @Test
    void buildsAnOfficeManifestFromOfficeCountsByTheIssuesRule() throws Exception {
        // 20 participants, k = 5, rho = 0.2: listed when >= max(5, 4) = 5 coworkers hold it and fewer
        // than n/64 = 156 hosts of n = 10,000 hold it globally.
        Path office = dir.resolve("office.tsv");
        Files.writeString(office, "profile\tdigest\tpackage\tversion\tcount\tsize\n"
                + "office-berlin\t" + digest(10) + "\tbuild-tool\t7\t12\t3000\n" // internal, common: listed
                + "office-berlin\t" + digest(11) + "\tone-off\t1\t4\t3000\n" // below max(k, rho*P)
                + "office-berlin\t" + digest(1) + "\tbash\t5.2\t20\t1500000\n" // common globally
                + "office-berlin\t" + digest(3) + "\tjq\t1.7\t5\t90000\n"); // rare globally (20)
        Path m = dir.resolve("office.json");
        assertThat(run("canon", "build", "--epoch", "2", "--office-hosts", "20", "--global",
                table().toString(), "--global-population", "10000", "-o", m.toString(), office.toString()))
                .as(err.toString()).isZero();
        CanonManifest built = ManifestCodec.decode(Files.readAllBytes(m)).manifest();
        assertThat(built.profiles()).hasSize(1);
        ProfileLevels set = built.profiles().getFirst();
        assertThat(set.profile()).isEqualTo("office-berlin");
        assertThat(set.levels()).hasSize(1);
        assertThat(set.levels().getFirst()).extracting(e -> e.digest().toString())
                .containsExactlyInAnyOrder(digest(10), digest(3));

        // rho = 0.5: at least 10 of 20.
        assertThat(run("canon", "build", "--epoch", "2", "--office-hosts", "20", "--rho", "0.5", "-o",
                m.toString(), office.toString())).isZero();
        assertThat(ManifestCodec.decode(Files.readAllBytes(m)).manifest().profiles().getFirst().levels().getFirst())
                .extracting(e -> e.digest().toString()).containsExactlyInAnyOrder(digest(10), digest(1));

        assertThat(run("canon", "build", "--epoch", "2", "--office-hosts", "10", office.toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("held by 12 of 10");
        assertThat(run("canon", "build", "--epoch", "2", "--office-participants", "20", "--global",
                table().toString(), office.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(run("canon", "build", "--epoch", "2", "--global-population", "5", office.toString()))
                .isEqualTo(ExitCodes.USAGE);
        Files.writeString(office, "a\t" + digest(10) + "\tx\t1\t6\nb\t" + digest(11) + "\ty\t1\t6\n");
        assertThat(run("canon", "build", "--epoch", "2", "--office-participants", "20", office.toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("one office");
    }

    @Test
    void verifyRefusesOtherPublishersAndTamperedFiles() throws Exception {
        Path key = dir.resolve("k.pem");
        Path other = dir.resolve("other.pem");
        run("canon", "keygen", "-o", key.toString());
        run("canon", "keygen", "-o", other.toString());
        String otherKey = out.toString().trim();
        Path m = dir.resolve("m.json");
        run("canon", "build", "--epoch", "1", "-o", m.toString(), table().toString());
        run("canon", "sign", "--key", key.toString(), "-o", m.toString(), m.toString());
        assertThat(run("canon", "verify", "--publisher-key", otherKey, m.toString())).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(err.toString()).contains("not a trusted publisher");

        Files.writeString(m, Files.readString(m).replace("\"epoch\":1", "\"epoch\":2"));
        Path keys = dir.resolve("trusted.txt");
        Files.writeString(keys, "# trusted\n" + otherKey + "\n");
        run("canon", "keygen", "-o", dir.resolve("unused.pem").toString());
        String signer = readPublisher(m);
        Files.writeString(keys, signer + "\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(run("canon", "verify", "--publisher-keys", keys.toString(), m.toString()))
                .isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(err.toString()).contains("bad signature");
    }

    private static String readPublisher(Path manifest) throws Exception {
        String s = Files.readString(manifest);
        int i = s.indexOf("\"publisher\":\"") + 13;
        return s.substring(i, s.indexOf('"', i));
    }

    @Test
    void badInputGetsExitCode3AndOneLine() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\":\"intinode-canon/1\",");
        assertThat(run("canon", "show", bad.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).startsWith("intinode: " + bad + ": manifest is not valid JSON").hasLineCount(1);

        Path tsv = dir.resolve("bad.tsv");
        Files.writeString(tsv, "debian\tsha256:00\tbash\t5\t3\n");
        assertThat(run("canon", "build", "--epoch", "1", tsv.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("line 1");

        assertThat(run("canon", "show", dir.resolve("missing.json").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("canon", "verify", bad.toString())).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void keygenNeverOverwritesAKey() throws Exception {
        Path key = dir.resolve("k.pem");
        Files.writeString(key, "precious");
        assertThat(run("canon", "keygen", "-o", key.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(Files.readString(key)).isEqualTo("precious");
    }
}
