package dev.streamproc.local.alarm;

/**
 * An alarm's {@code Statistic} (SampleCount, Average, Sum, Minimum, Maximum) or {@code ExtendedStatistic} percentile
 * ({@code p99}, {@code p99.9}).
 *
 * @param percentile the percentile of an extended statistic, else null
 */
public record Statistic(String name, Double percentile) {

    public static Statistic of(String statistic, String extendedStatistic) {
        if (statistic != null) {
            return switch (statistic) {
                case "SampleCount", "Average", "Sum", "Minimum", "Maximum" -> new Statistic(statistic, null);
                default -> throw new IllegalArgumentException("Statistic must be SampleCount, Average, Sum, Minimum or Maximum, not " + statistic);
            };
        }
        if (extendedStatistic != null && extendedStatistic.matches("p\\d{1,2}(\\.\\d{1,2})?|p100")) {
            return new Statistic(extendedStatistic, Double.parseDouble(extendedStatistic.substring(1)));
        }
        throw new IllegalArgumentException(extendedStatistic == null ? "neither Statistic nor ExtendedStatistic is set"
                : "ExtendedStatistic " + extendedStatistic + " is not evaluated locally (only percentiles pNN)");
    }

    public double of(PeriodStats stats) {
        if (percentile != null) {
            return stats.percentile(percentile);
        }
        return switch (name) {
            case "SampleCount" -> stats.sampleCount();
            case "Average" -> stats.average();
            case "Sum" -> stats.sum();
            case "Minimum" -> stats.minimum();
            default -> stats.maximum();
        };
    }
}
