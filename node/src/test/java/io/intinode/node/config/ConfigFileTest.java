package io.intinode.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    private static final Set<String> SINGLE = Set.of("mdns", "quota");
    private static final Set<String> REPEATABLE = Set.of("listen");
    private static final Path FILE = Path.of("intinode.conf");

    private static ConfigFile parse(String text) {
        return ConfigFile.parse(FILE, text, SINGLE, REPEATABLE);
    }

    @Test
    void readsKeysCommentsBlankLinesAndRepeats() {
        ConfigFile c = parse("""
                # a comment
                listen = /ip4/127.0.0.1/tcp/1

                  listen=/ip6/::1/tcp/1
                quota = 20G   \r
                mdns = off
                """);
        assertThat(c.all("listen")).containsExactly("/ip4/127.0.0.1/tcp/1", "/ip6/::1/tcp/1");
        assertThat(c.all("quota")).containsExactly("20G");
        assertThat(c.onOff("mdns", true)).isFalse();
        assertThat(parse("").onOff("mdns", true)).isTrue();
        assertThat(c.all("nothing")).isEqualTo(List.of());
    }

    @Test
    void malformedLinesAreErrorsWithFileAndLine() {
        assertThatThrownBy(() -> parse("\nlisten\n")).hasMessage("intinode.conf:2: expected 'key = value', got: listen");
        assertThatThrownBy(() -> parse("colour = red")).hasMessageStartingWith("intinode.conf:1: unknown key 'colour'")
                .hasMessageContaining("known: listen, mdns, quota");
        assertThatThrownBy(() -> parse("quota = 1G\nquota = 2G")).hasMessage("intinode.conf:2: 'quota' is set twice"
                + " (it takes one value)");
        assertThatThrownBy(() -> parse("quota =")).hasMessage("intinode.conf:1: 'quota' has no value");
        assertThatThrownBy(() -> parse("mdns = maybe").onOff("mdns", true)).hasMessageContaining("must be on or off");
        assertThatThrownBy(() -> parse("listen = " + "x".repeat(ConfigFile.MAX_LINE))).hasMessageContaining("longer than");
    }

    @Test
    void setReplacesTheKeysLineOrAppendsAndKeepsTheRest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("intinode.conf");
        ConfigFile.set(file, "mdns", "off", SINGLE, REPEATABLE);
        assertThat(Files.readString(file)).isEqualTo("mdns = off\n");
        Files.writeString(file, "# keep me\nlisten = /ip4/127.0.0.1/tcp/0\nmdns = on\nquota = 1G\n");
        ConfigFile.set(file, "mdns", "off", SINGLE, REPEATABLE);
        assertThat(Files.readString(file)).isEqualTo("# keep me\nlisten = /ip4/127.0.0.1/tcp/0\nmdns = off\nquota = 1G\n");
        Files.writeString(file, "bogus\n");
        assertThatThrownBy(() -> ConfigFile.set(file, "mdns", "on", SINGLE, REPEATABLE))
                .hasMessageContaining(":1: expected 'key = value'");
        assertThat(Files.readString(file)).isEqualTo("bogus\n");
    }

    @Test
    void missingOversizedAndBinaryFiles(@TempDir Path dir) throws Exception {
        assertThat(ConfigFile.load(dir.resolve("none"), SINGLE, REPEATABLE, false).values()).isEmpty();
        assertThatThrownBy(() -> ConfigFile.load(dir.resolve("none"), SINGLE, REPEATABLE, true))
                .hasMessageEndingWith("no such config file");
        Path big = Files.writeString(dir.resolve("big"), "#".repeat(ConfigFile.MAX_BYTES + 1));
        assertThatThrownBy(() -> ConfigFile.load(big, SINGLE, REPEATABLE, true)).hasMessageContaining("larger than");
        Path binary = Files.write(dir.resolve("bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertThatThrownBy(() -> ConfigFile.load(binary, SINGLE, REPEATABLE, true)).hasMessageContaining("not UTF-8");
    }
}
