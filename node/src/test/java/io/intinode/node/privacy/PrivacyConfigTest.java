package io.intinode.node.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PrivacyConfigTest {
    @Test
    void defaultsShareNothingAndCanonicalIsTheRecommendedPolicy() {
        assertThat(PrivacyConfig.defaults().mode()).isEqualTo(ShareMode.OFF);
        PrivacyConfig c = PrivacyConfig.canonical();
        assertThat(c.mode()).isEqualTo(ShareMode.CANONICAL);
        assertThat(c.k()).isEqualTo(5);
        assertThat(c.phi()).isEqualTo(0.25);
        assertThat(c.officeK()).isEqualTo(2);
        assertThat(c.officeRho()).isEqualTo(0.2);
        assertThat(c.donor().enabled()).isFalse();
    }

    @Test
    void shareModeParsesTheConfigValues() {
        assertThat(ShareMode.parse("off")).isEqualTo(ShareMode.OFF);
        assertThat(ShareMode.parse(" All ")).isEqualTo(ShareMode.ALL);
        assertThat(ShareMode.parse("canonical")).isEqualTo(ShareMode.CANONICAL);
        assertThatThrownBy(() -> ShareMode.parse("some")).hasMessageContaining("off, all or canonical");
    }

    @Test
    void rejectsSettingsThatBreakTheGuarantees() {
        PrivacyConfig c = PrivacyConfig.canonical();
        assertThatThrownBy(() -> new PrivacyConfig(c.mode(), 0, c.phi(), c.officeK(), c.officeRho(), c.donor(), Set.of(), 15))
                .hasMessageContaining("k must be");
        assertThatThrownBy(() -> new PrivacyConfig(c.mode(), 5, 1.5, c.officeK(), c.officeRho(), c.donor(), Set.of(), 15))
                .hasMessageContaining("phi");
        assertThatThrownBy(() -> new PrivacyConfig(c.mode(), 5, Double.NaN, c.officeK(), c.officeRho(), c.donor(),
                Set.of(), 15)).hasMessageContaining("phi");
        assertThatThrownBy(() -> new PrivacyConfig(c.mode(), 5, c.phi(), -1, c.officeRho(), c.donor(), Set.of(), 15))
                .hasMessageContaining("office_k");
        assertThatThrownBy(() -> c.withHoleBudget(-1)).hasMessageContaining("hole budget");
        assertThatThrownBy(() -> new DonorConfig(true, -1, 0)).hasMessageContaining("caps");
    }
}
