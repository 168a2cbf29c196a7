package io.intinode.bench.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrivacySimTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void aSmallRunIsDeterministicAndReportsEveryMetric() {
        ModelParams params = ModelParams.defaults().withHosts(300).withOfficeSize(20);
        List<SimPolicy> policies = List.of(new SimPolicy.None(), new SimPolicy.Item(5), SimPolicy.Canon.recommended());
        Population pop = PopulationBuilder.build(params, AppPopularity.load());
        List<PrivacySim.Row> first = PrivacySim.run(pop, Estimates.Kind.ORACLE, policies, QUIET);
        List<PrivacySim.Row> again = PrivacySim.run(PopulationBuilder.build(params, AppPopularity.load()),
                Estimates.Kind.ORACLE, policies, QUIET);
        assertThat(again).isEqualTo(first);

        assertThat(first.get(0).lanOverNone()).isEqualTo(1.0);
        List<Map<String, Object>> json = PrivacySim.toJson(params, Estimates.Kind.ORACLE, first);
        assertThat(json).hasSize(3);
        assertThat(json.get(2)).containsKeys("policy", "params", "unique_pct", "anon_lt5_pct", "cand_lt5_pct",
                "item_lt5_pct", "pair_lt5_pct", "min_anon_set", "office_view_unique_pct", "empty_pct",
                "fetched_per_host", "lan_hit_pct", "lan_over_none", "global_hit_pct");
        assertThat(json.get(2).get("policy")).isEqualTo("canon");
        assertThat(PrivacySim.table(first)).contains("canon", "item", "none");
    }
}
