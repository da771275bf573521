package dev.streamproc.local.alarm;

/** The static-threshold {@code ComparisonOperator}s (the anomaly-band ones need a model and are not evaluated locally). */
public enum Comparison {
    GreaterThanOrEqualToThreshold(">=", "<"),
    GreaterThanThreshold(">", "<="),
    LessThanThreshold("<", ">="),
    LessThanOrEqualToThreshold("<=", ">");

    private final String breaching;
    private final String within;

    Comparison(String breaching, String within) {
        this.breaching = breaching;
        this.within = within;
    }

    public boolean breaches(double value, double threshold) {
        return switch (this) {
            case GreaterThanOrEqualToThreshold -> value >= threshold;
            case GreaterThanThreshold -> value > threshold;
            case LessThanThreshold -> value < threshold;
            case LessThanOrEqualToThreshold -> value <= threshold;
        };
    }

    /** The relation a value has to the threshold: the operator when it breaches, its negation when not. */
    public String symbol(boolean breaching) {
        return breaching ? this.breaching : within;
    }

    /** The operator, or null when it is not a static-threshold one. */
    public static Comparison parse(String name) {
        for (Comparison c : values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
