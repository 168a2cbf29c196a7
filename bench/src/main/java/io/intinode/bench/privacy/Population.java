package io.intinode.bench.privacy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A simulated population: packages with version clocks, items (package, version) and who holds
 * which. Items are numbered; an item of package -1 is a unique blob (own build, private file).
 */
final class Population {
    static final int NO_PACKAGE = -1;

    final ModelParams params;
    // Hosts.
    final boolean[] participant;
    final int[] image;
    final int[] lag;
    final int[] officeTopic;
    final int[] personalTopic;
    int[][] holdings;
    // Packages: base images first, then apps, then office-internal packages.
    final int basePackages;
    final int firstApp;
    final int firstInternal;
    final double[] rate;
    final double[] phase;
    final int[] latest;
    final int[] appTopic;
    final double[] appQ;
    // Items.
    private int[] itemPkg = new int[1 << 16];
    private int[] itemVer = new int[1 << 16];
    private int items;
    private final Map<Long, Integer> itemIds = new HashMap<>();

    Population(ModelParams params, int packages) {
        this.params = params;
        int n = params.hosts();
        participant = new boolean[n];
        image = new int[n];
        lag = new int[n];
        officeTopic = new int[n];
        personalTopic = new int[n];
        basePackages = ModelParams.IMAGE_SHARES.length * params.basePackagesPerImage();
        firstApp = basePackages;
        firstInternal = firstApp + params.apps();
        rate = new double[packages];
        phase = new double[packages];
        latest = new int[packages];
        appTopic = new int[params.apps()];
        appQ = new double[params.apps()];
    }

    int hosts() {
        return participant.length;
    }

    int office(int host) {
        return host / params.officeSize();
    }

    int officeSize(int office) {
        return Math.min(params.officeSize(), hosts() - office * params.officeSize());
    }

    int packages() {
        return rate.length;
    }

    /** The version of a package at epoch -lag: floor(φ + r·(lag clock)). */
    int version(int pkg, int lagEpochs) {
        return (int) Math.floor(phase[pkg] + rate[pkg] * (ModelParams.CLOCK_ORIGIN - lagEpochs));
    }

    int internalPackage(int office, int i) {
        return firstInternal + office * params.internalPerOffice() + i;
    }

    int basePackage(int img, int i) {
        return img * params.basePackagesPerImage() + i;
    }

    /** The item of (pkg, version), or -1 when no host holds it. */
    int item(int pkg, int version) {
        return itemIds.getOrDefault(key(pkg, version), -1);
    }

    int itemOrNew(int pkg, int version) {
        return itemIds.computeIfAbsent(key(pkg, version), k -> add(pkg, version));
    }

    int newUniqueItem() {
        return add(NO_PACKAGE, 0);
    }

    int items() {
        return items;
    }

    int pkg(int item) {
        return itemPkg[item];
    }

    int ver(int item) {
        return itemVer[item];
    }

    /** A packaged item at its package's latest version: the only items any policy but none announces. */
    boolean isLatest(int item) {
        int p = itemPkg[item];
        return p != NO_PACKAGE && itemVer[item] == latest[p];
    }

    boolean holds(int host, int item) {
        return item >= 0 && Arrays.binarySearch(holdings[host], item) >= 0;
    }

    int participants() {
        int c = 0;
        for (boolean p : participant) {
            c += p ? 1 : 0;
        }
        return c;
    }

    private int add(int pkg, int version) {
        if (items == itemPkg.length) {
            itemPkg = Arrays.copyOf(itemPkg, items * 2);
            itemVer = Arrays.copyOf(itemVer, items * 2);
        }
        itemPkg[items] = pkg;
        itemVer[items] = version;
        return items++;
    }

    private static long key(int pkg, int version) {
        return ((long) pkg << 32) | (version & 0xffffffffL);
    }
}
