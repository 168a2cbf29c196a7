package io.intinode.bench.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The announcement-privacy simulation: one row of metrics per policy (bench/privacy/run). */
@Command(name = "bench/privacy/run", mixinStandardHelpOptions = true,
        description = "Simulates announcement policies on a population of hosts (docs/privacy.md) and prints"
                + " one row of privacy and utility metrics per policy.")
public final class PrivacySim implements Callable<Integer> {
    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--hosts", defaultValue = "10000", description = "Hosts (default ${DEFAULT-VALUE}).")
    int hosts;

    @Option(names = "--office", defaultValue = "50", description = "Hosts per office (default ${DEFAULT-VALUE}).")
    int office;

    @Option(names = "--optin", defaultValue = "1.0", description = "Share of hosts that participate (default ${DEFAULT-VALUE}).")
    double optin;

    @Option(names = "--est", defaultValue = "oracle",
            description = "Popularity estimates the policies see: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Estimates.Kind est;

    @Option(names = "--json", description = "Print a JSON list of objects (policy, params, one key per metric).")
    boolean json;

    @Option(names = "--donor-frac", paramLabel = "F",
            description = "Add a row: the recommended canonical policy with this donor fraction. Repeatable.")
    List<Double> extraDonorFracs = List.of();

    @Option(names = "--hole-budget", paramLabel = "B",
            description = "Add a row: the recommended canonical policy with this hole budget (0 = unbounded). Repeatable.")
    List<Integer> extraHoleBudgets = List.of();

    /** One policy's result. */
    record Row(SimPolicy policy, Metrics metrics, double lanOverNone) {}

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new PrivacySim());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        System.exit(cl.execute(args));
    }

    static List<SimPolicy> defaultPolicies() {
        SimPolicy.Canon rec = SimPolicy.Canon.recommended();
        return List.of(new SimPolicy.None(), new SimPolicy.Latest(), new SimPolicy.Item(5), new SimPolicy.Item(20),
                new SimPolicy.Pair(5, 5), new SimPolicy.SetK(5), rec, rec.withDonorFrac(0),
                rec.withDonors(SimPolicy.DonorPlacement.INDEPENDENT));
    }

    @Override
    public Integer call() throws Exception {
        ModelParams params = ModelParams.defaults().withSeed(seed).withHosts(hosts).withOfficeSize(office)
                .withOptin(optin);
        PrintStream err = System.err;
        long t0 = System.nanoTime();
        Population pop = PopulationBuilder.build(params, AppPopularity.load());
        err.println(summary(pop) + String.format(Locale.ROOT, " (built in %.1f s)", (System.nanoTime() - t0) / 1e9));
        List<SimPolicy> policies = new ArrayList<>(defaultPolicies());
        for (double f : extraDonorFracs) {
            if (!(f >= 0 && f <= 1)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--donor-frac must be in [0, 1]: " + f);
            }
            policies.add(SimPolicy.Canon.recommended().withDonorFrac(f));
        }
        for (int b : extraHoleBudgets) {
            if (b < 0) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--hole-budget must be >= 0: " + b);
            }
            policies.add(SimPolicy.Canon.recommended().withHoleBudget(b == 0 ? Integer.MAX_VALUE : b));
        }
        List<Row> rows = run(pop, est, policies, err);
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(toJson(params, est, rows)));
        } else {
            System.out.println(summary(pop));
            System.out.print(table(rows));
        }
        return 0;
    }

    /** Runs each policy on the population; {@code none} must come first (the LAN hit baseline). */
    static List<Row> run(Population pop, Estimates.Kind kind, List<SimPolicy> policies, PrintStream progress) {
        Estimates estimates = Estimates.of(kind, pop);
        RequestStream.Request[] requests = RequestStream.generate(pop);
        List<Row> rows = new ArrayList<>();
        double noneLan = Double.NaN;
        for (SimPolicy policy : policies) {
            long t = System.nanoTime();
            Announcements a = announce(policy, pop, estimates);
            Metrics m = MetricsCalculator.compute(pop, a, requests);
            if (policy instanceof SimPolicy.None) {
                noneLan = m.lanHitPct();
            }
            rows.add(new Row(policy, m, m.lanHitPct() / noneLan));
            int standIns = a.standingInCount();
            progress.printf(Locale.ROOT, "%s %s: %.1f s%s%n", policy.name(), policy.params(), (System.nanoTime() - t) / 1e9,
                    standIns == 0 ? "" : ", " + standIns + " hosts stand in for a lone empty coworker");
        }
        return rows;
    }

    static Announcements announce(SimPolicy policy, Population pop, Estimates est) {
        return switch (policy) {
            case SimPolicy.None n -> FilterPolicies.none(pop);
            case SimPolicy.Latest l -> FilterPolicies.latest(pop);
            case SimPolicy.Item i -> FilterPolicies.item(pop, est, i.k());
            case SimPolicy.Pair p -> FilterPolicies.pair(pop, est, p.k(), p.k2());
            case SimPolicy.SetK s -> SetKRounds.run(pop, est, s.k());
            case SimPolicy.Canon c -> CanonRounds.run(pop, est, c);
        };
    }

    static String summary(Population pop) {
        long held = 0;
        int[] holders = new int[pop.items()];
        for (int[] h : pop.holdings) {
            held += h.length;
            for (int item : h) {
                holders[item]++;
            }
        }
        int distinct = 0, common = 0;
        for (int c : holders) {
            distinct += c > 0 ? 1 : 0;
            common += c >= MetricsCalculator.K_EVAL ? 1 : 0;
        }
        ModelParams p = pop.params;
        return String.format(Locale.ROOT,
                "seed %d, %d hosts in offices of %d, %d participants (opt-in %.2f): %.1f items/host, %d distinct items,"
                        + " %d held by >= 5 hosts",
                p.seed(), p.hosts(), p.officeSize(), pop.participants(), p.optin(), (double) held / pop.hosts(), distinct,
                common);
    }

    static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        String head = "%-7s %-112s %7s %7s %7s %7s %7s %6s %7s %6s %8s %12s %12s %6s %6s %6s%n";
        String line = "%-7s %-112s %7.2f %7.2f %7.2f %7.2f %7.2f %6d %7.2f %6.2f %8.2f %6.2f/%-5d %6.2f/%-5d %6.2f %6.2f %6.2f%n";
        sb.append(String.format(Locale.ROOT, head, "policy", "params", "unique%", "anon<5%", "cand<5%", "item<5%",
                "pair<5%", "minAn", "offUnq%", "empty%", "fetch/h", "fetch nd m/x", "new nd m/x", "LAN%", "LAN/no",
                "glob%"));
        for (Row r : rows) {
            Metrics m = r.metrics();
            sb.append(String.format(Locale.ROOT, line, r.policy().name(), r.policy().params().toString(), m.uniquePct(),
                    m.anonBelow5Pct(), m.candBelow5Pct(), m.itemBelow5Pct(), m.pairBelow5Pct(), m.minAnonSet(),
                    m.officeViewUniquePct(), m.emptyPct(), m.fetchedPerHost(), m.fetchedPerNonDonor(),
                    m.fetchedMaxNonDonor(), m.newPerNonDonor(), m.newMaxNonDonor(), m.lanHitPct(), r.lanOverNone(),
                    m.globalHitPct()));
        }
        return sb.toString();
    }

    static List<Map<String, Object>> toJson(ModelParams params, Estimates.Kind kind, List<Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("policy", r.policy().name());
            Map<String, Object> p = new LinkedHashMap<>(r.policy().params());
            p.put("seed", params.seed());
            p.put("hosts", params.hosts());
            p.put("office", params.officeSize());
            p.put("optin", params.optin());
            p.put("est", kind.name().toLowerCase(Locale.ROOT));
            o.put("params", p);
            o.putAll(r.metrics().toMap(r.lanOverNone()));
            out.add(o);
        }
        return out;
    }
}
