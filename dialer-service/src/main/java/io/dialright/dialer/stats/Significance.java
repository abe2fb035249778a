package io.dialright.dialer.stats;

/**
 * A two-proportion z-test of a variant's conversion against the baseline (the first variant): pooled proportion,
 * two-sided p-value from the normal distribution. {@code significant} at the 5 % level. Null where a group has no
 * reached customers (nothing to compare).
 */
public record Significance(String baseline, double difference, double z, double pValue, boolean significant) {

    static final double ALPHA = 0.05;

    static Significance of(String baseline, long baseSales, long baseReached, long sales, long reached) {
        if (baseReached == 0 || reached == 0) {
            return null;
        }
        double p1 = (double) baseSales / baseReached;
        double p2 = (double) sales / reached;
        double pooled = (double) (baseSales + sales) / (baseReached + reached);
        double standardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / baseReached + 1.0 / reached));
        if (standardError == 0) {
            return new Significance(baseline, p2 - p1, 0, 1, false);
        }
        double z = (p2 - p1) / standardError;
        double p = 2 * (1 - normalCdf(Math.abs(z)));
        return new Significance(baseline, p2 - p1, z, p, p < ALPHA);
    }

    /** Φ(x) through erf, Abramowitz–Stegun 7.1.26 (absolute error below 1.5e-7: ample for a p-value). */
    static double normalCdf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.sqrt(2));
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-(x * x) / 2);
        return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
