package io.intinode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class ByteSizeConverterTest {
    @ParameterizedTest
    @CsvSource({"0,0", "1048576,1048576", "512K,524288", "512k,524288", "20G,21474836480", "20GiB,21474836480",
        "20GB,21474836480", "1.5T,1649267441664", "7 M,7340032", "1P,1125899906842624"})
    void parsesSizes(String text, long bytes) {
        assertThat(ByteSizeConverter.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "G", "-1", "10X", "1.5", "ten", "1e9", "9999999999P", "1 000", "00000000000000000000000000000000001"})
    void rejectsNonSizes(String text) {
        assertThatThrownBy(() -> ByteSizeConverter.parse(text)).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining(text);
    }

    @ParameterizedTest
    @CsvSource({"0,0 B", "1023,1023 B", "1024,1.0 KiB", "6000,5.9 KiB", "1073741824,1.0 GiB", "9223372036854775807,8.0 EiB"})
    void formatsSizes(long bytes, String text) {
        assertThat(ByteSizeConverter.format(bytes)).isEqualTo(text);
    }
}
