package io.intinode.bench.privacy;

/**
 * The population and request-stream parameters of the model (docs/privacy.md, model v1). The
 * defaults are the model's.
 */
public record ModelParams(long seed, int hosts, int officeSize, double optin, int requests, int apps,
        double appsPerHost, int topics, int basePackagesPerImage, int internalPerOffice, double uniqueMean) {
    /** Shares of the four base OS images. */
    static final double[] IMAGE_SHARES = {0.45, 0.30, 0.15, 0.10};
    static final double[] RATES = {0.05, 0.15, 0.3, 0.6};
    static final int[] LAGS = {0, 1, 2, 4, 8};
    static final double[] LAG_SHARES = {0.5, 0.2, 0.12, 0.1, 0.08};
    static final double PIN_PROBABILITY = 0.02;
    static final int MAX_PIN_EXTRA_LAG = 12;
    static final double DOMINANT_IMAGE_PROBABILITY = 0.7;
    static final double INTERNAL_RATE = 0.6;
    static final double INTERNAL_HOLD_PROBABILITY = 0.5;
    static final int CLOCK_ORIGIN = 1000;

    public ModelParams {
        if (hosts < 1 || officeSize < 1 || requests < 0 || apps < 1 || topics < 1) {
            throw new IllegalArgumentException("hosts, office size, apps and topics must be positive");
        }
        if (!(optin > 0 && optin <= 1)) {
            throw new IllegalArgumentException("optin must be in (0, 1]: " + optin);
        }
    }

    public static ModelParams defaults() {
        return new ModelParams(1, 10_000, 50, 1.0, 20_000, 20_000, 40, 20, 80, 4, 3);
    }

    public ModelParams withSeed(long s) {
        return new ModelParams(s, hosts, officeSize, optin, requests, apps, appsPerHost, topics, basePackagesPerImage,
                internalPerOffice, uniqueMean);
    }

    public ModelParams withHosts(int n) {
        return new ModelParams(seed, n, officeSize, optin, requests, apps, appsPerHost, topics, basePackagesPerImage,
                internalPerOffice, uniqueMean);
    }

    public ModelParams withOfficeSize(int m) {
        return new ModelParams(seed, hosts, m, optin, requests, apps, appsPerHost, topics, basePackagesPerImage,
                internalPerOffice, uniqueMean);
    }

    public ModelParams withOptin(double p) {
        return new ModelParams(seed, hosts, officeSize, p, requests, apps, appsPerHost, topics, basePackagesPerImage,
                internalPerOffice, uniqueMean);
    }

    public int offices() {
        return (hosts + officeSize - 1) / officeSize;
    }
}
