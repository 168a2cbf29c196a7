package io.intinode.bench.privacy;

import io.intinode.node.privacy.PrivacyConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The announcement policies the simulation compares (model §4). */
sealed interface SimPolicy {
    String name();

    /** The policy's parameters, in a stable order (the JSON {@code params} object). */
    Map<String, Object> params();

    /** Announce everything held. */
    record None() implements SimPolicy {
        public String name() {
            return "none";
        }

        public Map<String, Object> params() {
            return Map.of();
        }
    }

    /** Latest versions only. */
    record Latest() implements SimPolicy {
        public String name() {
            return "latest";
        }

        public Map<String, Object> params() {
            return Map.of();
        }
    }

    /** Latest items with estimated holders >= k. */
    record Item(int k) implements SimPolicy {
        public String name() {
            return "item";
        }

        public Map<String, Object> params() {
            return Map.of("k", k);
        }
    }

    /** item(k) candidates, most popular first, each kept only if co-held with every kept one by >= k2. */
    record Pair(int k, int k2) implements SimPolicy {
        public String name() {
            return "pair";
        }

        public Map<String, Object> params() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("k", k);
            m.put("k2", k2);
            return m;
        }
    }

    /** Suppression only: a popularity ladder with intent tokens and back-off to sets shared by k. */
    record SetK(int k) implements SimPolicy {
        public String name() {
            return "setk";
        }

        public Map<String, Object> params() {
            return Map.of("k", k);
        }
    }

    /** Which participants donate. */
    enum DonorPlacement {
        /** Each participant with probability donor_frac. */
        INDEPENDENT,
        /** Per office, in groups of office_k, donor_frac of its participants in expectation. */
        OFFICE_GROUPS
    }

    /** One public canonical set per host, run through the node's {@code SharePolicy}. */
    record Canon(int k, double phi, double donorFrac, int donorCap, double rho, int officeK, int holeBudget,
            DonorPlacement donors) implements SimPolicy {
        /** The recommended parameters. */
        static Canon recommended() {
            return new Canon(5, 0.25, 0.1, 1000, 0.2, 2, PrivacyConfig.DEFAULT_HOLE_BUDGET,
                    DonorPlacement.OFFICE_GROUPS);
        }

        Canon withDonorFrac(double f) {
            return new Canon(k, phi, f, donorCap, rho, officeK, holeBudget, donors);
        }

        Canon withHoleBudget(int budget) {
            return new Canon(k, phi, donorFrac, donorCap, rho, officeK, budget, donors);
        }

        Canon withDonors(DonorPlacement placement) {
            return new Canon(k, phi, donorFrac, donorCap, rho, officeK, holeBudget, placement);
        }

        public String name() {
            return "canon";
        }

        public Map<String, Object> params() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("k", k);
            m.put("phi", phi);
            m.put("donor_frac", donorFrac);
            m.put("donor_cap", donorCap);
            m.put("office_set", rho);
            m.put("office_k", officeK);
            m.put("hole_budget", holeBudget);
            m.put("donors", donors.name().toLowerCase(Locale.ROOT));
            return m;
        }
    }
}
