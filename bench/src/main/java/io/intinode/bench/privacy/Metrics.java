package io.intinode.bench.privacy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model's metrics for one policy run (§5); percentages are of participants, hit rates of
 * requests.
 */
record Metrics(double uniquePct, double anonBelow5Pct, double candBelow5Pct, double itemBelow5Pct,
        double pairBelow5Pct, int minAnonSet, double officeViewUniquePct, double emptyPct, double fetchedPerHost,
        double fetchedPerNonDonor, int fetchedMaxNonDonor, double newPerNonDonor, int newMaxNonDonor, double lanHitPct,
        double globalHitPct) {

    /** One key per metric, as in the JSON output; {@code lanOverNone} is the LAN hit ratio to policy none. */
    Map<String, Object> toMap(double lanOverNone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unique_pct", uniquePct);
        m.put("anon_lt5_pct", anonBelow5Pct);
        m.put("cand_lt5_pct", candBelow5Pct);
        m.put("item_lt5_pct", itemBelow5Pct);
        m.put("pair_lt5_pct", pairBelow5Pct);
        m.put("min_anon_set", minAnonSet);
        m.put("office_view_unique_pct", officeViewUniquePct);
        m.put("empty_pct", emptyPct);
        m.put("fetched_per_host", fetchedPerHost);
        m.put("fetched_per_nondonor", fetchedPerNonDonor);
        m.put("fetched_max_nondonor", fetchedMaxNonDonor);
        m.put("fetched_new_per_nondonor", newPerNonDonor);
        m.put("fetched_new_max_nondonor", newMaxNonDonor);
        m.put("lan_hit_pct", lanHitPct);
        m.put("lan_over_none", lanOverNone);
        m.put("global_hit_pct", globalHitPct);
        return m;
    }
}
