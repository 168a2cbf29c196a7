package io.intinode.node.privacy.canon;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.node.privacy.canon.LadderBuilder.Support;
import java.util.List;
import org.junit.jupiter.api.Test;

class LadderBuilderTest {
    @Test
    void thresholdsHalveDownToK() {
        // n = 100, k = 5: thresholds 50, 25, 12.5, 6.25, then 5 at J = 5.
        assertThat(LadderBuilder.depth(100, 5)).isEqualTo(5);
        assertThat(LadderBuilder.threshold(100, 5, 3)).isEqualTo(12.5);
        assertThat(LadderBuilder.threshold(100, 5, 5)).isEqualTo(5.0);
        assertThat(LadderBuilder.depth(8, 5)).isEqualTo(1);
    }

    @Test
    void blobsEnterAtTheFirstLevelTheirSupportReaches() {
        List<Support<String>> s = List.of(
                new Support<>("all", "p1", "1", 100, 1),
                new Support<>("half", "p2", "1", 50, 1),
                new Support<>("thirteen", "p3", "1", 13, 1),
                new Support<>("twelve", "p4", "1", 12, 1),
                new Support<>("five", "p5", "1", 5, 1),
                new Support<>("four", "p6", "1", 4, 1));
        Ladder<String> l = LadderBuilder.build("os", 100, 5, s);
        assertThat(l.depth()).isEqualTo(5);
        assertThat(l.levelOf("all")).isEqualTo(1);
        assertThat(l.levelOf("half")).isEqualTo(1);
        assertThat(l.levelOf("thirteen")).isEqualTo(3);
        assertThat(l.levelOf("twelve")).isEqualTo(4);
        assertThat(l.levelOf("five")).isEqualTo(5);
        assertThat(l.levelOf("four")).as("below k never listed").isZero();
    }
}
