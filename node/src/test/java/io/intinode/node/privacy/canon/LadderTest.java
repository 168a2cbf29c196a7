package io.intinode.node.privacy.canon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LadderTest {
    private static LadderEntry<String> e(String blob, int level) {
        return new LadderEntry<>(blob, "pkg-" + blob, "1", level, 10);
    }

    @Test
    void levelsAreNestedAndLevelZeroIsEmpty() {
        Ladder<String> l = Ladder.of("os", 3, List.of(e("c", 3), e("a", 1), e("b", 2)));
        assertThat(l.level(0)).isEmpty();
        assertThat(l.level(1)).containsExactly("a");
        assertThat(l.level(1).contains("b")).isFalse();
        assertThat(l.level(2).contains("zz")).isFalse();
        assertThat(l.level(2)).isSameAs(l.level(2)).isEqualTo(java.util.Set.of("a", "b"));
        assertThat(l.level(2)).containsExactlyInAnyOrder("a", "b");
        assertThat(l.level(3)).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(l.bytes(2)).isEqualTo(20);
        assertThat(l.levelOf("b")).isEqualTo(2);
        assertThat(l.levelOf("zz")).isZero();
        assertThat(l.firstLevelOfPackage("pkg-c")).isEqualTo(3);
    }

    @Test
    void equalLevelsAreNamedByTheDeepestIndexAndEmptyByZero() {
        Ladder<String> l = Ladder.of("os", 4, List.of(e("a", 2), e("b", 4)));
        assertThat(l.canonical(1)).isZero();
        assertThat(l.canonical(2)).isEqualTo(3);
        assertThat(l.canonical(3)).isEqualTo(3);
        assertThat(l.canonical(4)).isEqualTo(4);
    }

    @Test
    void donorUnionTakesEachBlobAtItsShallowestLevelAndClampsShortLadders() {
        Ladder<String> a = Ladder.of("a", 1, List.of(e("x", 1), e("shared", 1)));
        Ladder<String> b = Ladder.of("b", 3, List.of(e("y", 2), e("shared", 3), e("z", 3)));
        Ladder<String> d = Ladder.union("donor", List.of(a, b));
        assertThat(d.depth()).isEqualTo(3);
        assertThat(d.level(1)).containsExactlyInAnyOrder("x", "shared");
        assertThat(d.level(2)).containsExactlyInAnyOrder("x", "shared", "y");
        assertThat(d.level(3)).containsExactlyInAnyOrder("x", "shared", "y", "z");
    }

    @Test
    void rejectsDuplicateBlobsAndLevelsBeyondDepth() {
        assertThatThrownBy(() -> Ladder.of("os", 2, List.of(e("a", 1), e("a", 2))))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> Ladder.of("os", 1, List.of(e("a", 2)))).hasMessageContaining("beyond");
    }
}
