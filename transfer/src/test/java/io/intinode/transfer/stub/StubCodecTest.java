package io.intinode.transfer.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StubCodecTest {
    private static final String HEX = "a".repeat(64);
    private static final String MIN = "intinode {\"digest\":\"sha256:" + HEX + "\",\"size\":12}";

    @TempDir Path dir;

    @Test
    void decodesTheExampleOfTheSpecification() {
        String line = "intinode {\"digest\":\"sha256:" + HEX + "\",\"size\":12345678,"
                + "\"urls\":[\"https://host/path\",\"oci://registry/repo@sha256:" + HEX + "\"]}\n";
        Stub stub = decode(line);
        assertThat(stub.digest()).isEqualTo(new Digest(HEX));
        assertThat(stub.size()).isEqualTo(12345678);
        assertThat(stub.urls()).containsExactly("https://host/path", "oci://registry/repo@sha256:" + HEX);
    }

    @Test
    void encodesCanonicallyAndRoundTrips() {
        Stub stub = Stub.of(new Digest(HEX), 7, List.of("http://127.0.0.1/x"));
        String line = StubCodec.encode(stub);
        assertThat(line).isEqualTo("intinode {\"digest\":\"sha256:" + HEX
                + "\",\"size\":7,\"urls\":[\"http://127.0.0.1/x\"]}");
        assertThat(StubCodec.decode(StubCodec.toBytes(stub), "mem")).isEqualTo(stub);
    }

    @Test
    void urlsAreOptionalAndOmittedWhenEmpty() {
        Stub stub = decode(MIN);
        assertThat(stub.urls()).isEmpty();
        assertThat(StubCodec.encode(stub)).isEqualTo(MIN);
    }

    @Test
    void keepsUnknownFieldsOnRewrite() {
        String line = "intinode {\"share\":false,\"digest\":\"sha256:" + HEX
                + "\",\"size\":1,\"x-note\":{\"a\":[1,2]}}";
        Stub stub = decode(line).withUrls(List.of("https://h/a"));
        assertThat(stub.otherField("share")).hasValueSatisfying(n -> assertThat(n.booleanValue()).isFalse());
        assertThat(StubCodec.encode(stub)).isEqualTo("intinode {\"digest\":\"sha256:" + HEX
                + "\",\"size\":1,\"urls\":[\"https://h/a\"],\"share\":false,\"x-note\":{\"a\":[1,2]}}");
    }

    @Test
    void shareFalseMakesTheBlobUnshareableAndAnythingButABooleanIsAnError() {
        String head = "intinode {\"digest\":\"sha256:" + HEX + "\",\"size\":1";
        assertThat(decode(head + "}").shareable()).isTrue();
        assertThat(decode(head + ",\"share\":true}").shareable()).isTrue();
        assertThat(decode(head + ",\"share\":false}").shareable()).isFalse();
        for (String bad : List.of("\"false\"", "0", "null", "[]")) {
            assertThatThrownBy(() -> decode(head + ",\"share\":" + bad + "}"))
                    .isInstanceOf(StubFormatException.class).hasMessageContaining("\"share\" must be true or false");
        }
    }

    @Test
    void whitespaceInsideTheJsonIsAllowed() {
        Stub stub = decode("intinode {\n  \"digest\" : \"sha256:" + HEX + "\",\n  \"size\" : 0\n}\n");
        assertThat(stub.size()).isZero();
    }

    @Test
    void detectsByTheFirstNineBytesOnly() throws IOException {
        Path stub = write("a", "intinode {this is not json");
        Path other = write("b", "intinod");
        Path close = write("c", "Intinode {}");
        assertThat(StubCodec.isStub(stub)).isTrue();
        assertThat(StubCodec.isStub(other)).isFalse();
        assertThat(StubCodec.isStub(close)).isFalse();
        assertThat(StubCodec.isStub(write("d", ""))).isFalse();
    }

    @Test
    void readsAFileAndNamesItInErrors() throws IOException {
        Path good = write("good.stub", MIN + "\n");
        assertThat(StubCodec.read(good).size()).isEqualTo(12);
        Path bad = write("bad.stub", "intinode {\"digest\":\"sha256:" + HEX + "\"}");
        assertThatThrownBy(() -> StubCodec.read(bad))
                .isInstanceOf(StubFormatException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("missing \"size\"");
    }

    @Test
    void rejectsOversizedFilesWithoutReadingThemWhole() throws IOException {
        String pad = "x".repeat(StubCodec.MAX_STUB_BYTES);
        Path big = write("big", "intinode {\"digest\":\"sha256:" + HEX + "\",\"size\":1,\"pad\":\"" + pad + "\"}");
        assertThatThrownBy(() -> StubCodec.read(big))
                .isInstanceOf(StubFormatException.class)
                .hasMessageContaining("larger than 65536 bytes");
    }

    @Test
    void acceptsAStubOfExactlyTheLimit() {
        String head = "intinode {\"digest\":\"sha256:" + HEX + "\",\"size\":1,\"pad\":\"";
        String tail = "\"}\n";
        String pad = "x".repeat(StubCodec.MAX_STUB_BYTES - head.length() - tail.length());
        assertThat(decode(head + pad + tail).size()).isEqualTo(1);
        assertThatThrownBy(() -> decode(head + pad + "x" + tail)).hasMessageContaining("larger than");
    }

    @Test
    void refusesToEncodeAnOversizedStub() {
        Stub stub = Stub.of(new Digest(HEX), 1, List.of("https://h/" + "p".repeat(StubCodec.MAX_STUB_BYTES)));
        assertThatThrownBy(() -> StubCodec.encode(stub)).hasMessageContaining("larger than");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "intinode",
        "intinode ",
        "intinode \n",
        "intinode {",
        "intinode {\"digest\":\"sha256:" + "a" + "\",\"size\":1}",
        "intinode {\"digest\":\"sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"size\":1}",
        "intinode {\"digest\":\"md5:d41d8cd98f00b204e9800998ecf8427e\",\"size\":1}",
        "intinode {\"digest\":42,\"size\":1}",
        "intinode {\"size\":1}",
        "intinode {\"digest\":\"sha256:HEX\"}",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":-1}",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":1.5}",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":1e3}",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":\"12\"}",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":99999999999999999999}",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":1,\"urls\":\"http://h/\"}",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":1,\"urls\":[1]}",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":1,\"urls\":[\"no-scheme\"]}",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":1,\"urls\":[\"\"]}",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":1,\"size\":2}",
        "intinode {\"digest\":\"sha256:HEX\",\"digest\":\"sha256:HEX\",\"size\":1}",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":1}\n\n",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":1} ",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":1}\r\n",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":1}{}",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":1} x}",
        "intinode  {\"digest\":\"sha256:HEX\",\"size\":1}",
        "intinode [{\"digest\":\"sha256:HEX\",\"size\":1}]",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":1,}",
        "intinode {\"digest\":\"sha256:HEX\",\"size\":1",
        "intinode {\"digest\":\"sha256:HEX\",\"si",
        "INTINODE {\"digest\":\"sha256:HEX\",\"size\":1}",
    })
    void rejectsMalformedAndTruncatedStubs(String text) {
        String line = text.replace("HEX", HEX);
        assertThatThrownBy(() -> decode(line))
                .isInstanceOf(StubFormatException.class)
                .hasMessageStartingWith("mem: not a valid stub: ");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] bytes = (MIN.substring(0, MIN.length() - 1) + ",\"n\":\"x\"}").getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 3] = (byte) 0xC3; // a lead byte with no continuation
        assertThatThrownBy(() -> StubCodec.decode(bytes, "mem"))
                .isInstanceOf(StubFormatException.class)
                .hasMessageContaining("bad JSON");
    }

    @Test
    void everyTruncationOfAValidStubIsRejected() {
        byte[] whole = ("intinode {\"digest\":\"sha256:" + HEX + "\",\"size\":1,\"urls\":[\"http://h/\"]}")
                .getBytes(StandardCharsets.UTF_8);
        for (int n = 0; n < whole.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(whole, n);
            assertThatThrownBy(() -> StubCodec.decode(cut, "mem")).isInstanceOf(StubFormatException.class);
        }
    }

    private static Stub decode(String text) {
        return StubCodec.decode(text.getBytes(StandardCharsets.UTF_8), "mem");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
