package dev.klaxon.traffic;

/**
 * Lognormal latency: the shape real request latencies have (a hump near the median and a
 * long right tail). {@code sigma} is the standard deviation of {@code ln(latency)}.
 */
public record LatencyModel(double medianMs, double sigma) {

    /** z-score of the 95th percentile of a standard normal distribution. */
    private static final double Z_95 = 1.6448536269514722;

    public LatencyModel {
        if (!(medianMs > 0) || Double.isInfinite(medianMs)) {
            throw new IllegalArgumentException("medianMs must be > 0 and finite, was " + medianMs);
        }
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be >= 0 and finite, was " + sigma);
        }
    }

    /** The lognormal with this median whose 95th percentile is {@code p95Ms}; how people state latency targets. */
    public static LatencyModel ofMedianAndP95(double medianMs, double p95Ms) {
        if (!(p95Ms >= medianMs)) {
            throw new IllegalArgumentException("p95Ms (" + p95Ms + ") must be >= medianMs (" + medianMs + ")");
        }
        return new LatencyModel(medianMs, Math.log(p95Ms / medianMs) / Z_95);
    }

    public double p95Ms() {
        return medianMs * Math.exp(Z_95 * sigma);
    }
}
