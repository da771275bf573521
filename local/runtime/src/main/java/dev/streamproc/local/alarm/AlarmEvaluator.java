package dev.streamproc.local.alarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CloudWatch's evaluation of a metric alarm over its evaluation range, as the CloudWatch user guide describes it
 * ("Using Amazon CloudWatch alarms": "Evaluating an alarm", "How alarm state is evaluated when data is missing",
 * "Avoiding premature transitions to alarm state"):
 * <ul>
 * <li>with at least EvaluationPeriods real datapoints in the range, the most recent EvaluationPeriods of them are
 *     evaluated and TreatMissingData plays no part;</li>
 * <li>with none, {@code missing} gives INSUFFICIENT_DATA, {@code ignore} keeps the state, {@code breaching} ALARM and
 *     {@code notBreaching} OK;</li>
 * <li>with some, every real datapoint counts, and {@code breaching} / {@code notBreaching} fill the rest; with
 *     {@code missing} / {@code ignore} the real ones decide: ALARM when DatapointsToAlarm of them breach; OK when one
 *     does not; else (only breaching ones, too few) ALARM when the oldest breaching one is at least DatapointsToAlarm
 *     periods old in the range ({@code missing}), INSUFFICIENT_DATA ({@code missing}) or the state kept ({@code ignore}).</li>
 * </ul>
 * ALARM needs at least DatapointsToAlarm breaching datapoints among those evaluated; anything else is OK.
 */
public final class AlarmEvaluator {

    private AlarmEvaluator() {
    }

    /** The new state and why. */
    public record Evaluation(AlarmState state, String reason) {
    }

    /**
     * @param range    the statistic's value per period over the evaluation range, oldest first; null where missing
     * @param previous the alarm's state before this evaluation
     * @param unit     how values are written ("ms", "s", or "")
     */
    public static Evaluation evaluate(AlarmDefinition alarm, List<Double> range, AlarmState previous, String unit) {
        int n = alarm.evaluationPeriods();
        int m = alarm.datapointsToAlarm();
        List<Double> real = new ArrayList<>();
        for (Double v : range) {
            if (v != null) {
                real.add(v);
            }
        }
        String window = n + "×" + alarm.periodSeconds() + " s";
        String metric = alarm.metric().name() + " " + alarm.statistic().name();
        String threshold = "threshold " + number(alarm.threshold());
        if (real.size() >= n) {
            List<Double> evaluated = real.subList(real.size() - n, real.size());
            long breaching = evaluated.stream().filter(v -> breaches(alarm, v)).count();
            double latest = evaluated.get(evaluated.size() - 1);
            AlarmState state = breaching >= m ? AlarmState.ALARM : AlarmState.OK;
            return new Evaluation(state, String.format("%s %s over %s  %s %s (%d of %d breaching, %d to alarm)", metric, value(latest, unit),
                    window, alarm.comparison().symbol(breaches(alarm, latest)), threshold, breaching, n, m));
        }
        MissingData treat = alarm.effectiveMissingData();
        String noData = real.isEmpty() ? "no datapoint in the last " + range.size() + "×" + alarm.periodSeconds() + " s"
                : real.size() + " datapoint" + (real.size() == 1 ? "" : "s") + " in the last " + range.size() + "×" + alarm.periodSeconds() + " s";
        long realBreaching = real.stream().filter(v -> breaches(alarm, v)).count();
        String missingAs = "missing data " + treat.value();
        switch (treat) {
            case BREACHING, NOT_BREACHING -> {
                long breaching = realBreaching + (treat == MissingData.BREACHING ? n - real.size() : 0);
                AlarmState state = breaching >= m ? AlarmState.ALARM : AlarmState.OK;
                return new Evaluation(state, String.format("%s: %s%s; %s: %d of %d breaching, %d to alarm (%s)", metric, noData,
                        real.isEmpty() ? "" : ", latest " + value(real.get(real.size() - 1), unit), missingAs, breaching, n, m, threshold));
            }
            default -> {
                AlarmState decided = null;
                String why;
                if (real.isEmpty()) {
                    why = "nothing to evaluate";
                } else if (realBreaching >= m) {
                    decided = AlarmState.ALARM;
                    why = realBreaching + " breaching, " + m + " to alarm";
                } else if (realBreaching < real.size()) {
                    decided = AlarmState.OK;
                    why = "one within the threshold";
                } else if (treat == MissingData.MISSING && ageOfOldestBreaching(range) >= m) {
                    decided = AlarmState.ALARM;
                    why = "the oldest breaching one is " + m + " or more periods old and none since is within (no premature alarm avoided)";
                } else {
                    why = "too few to alarm yet";
                }
                if (decided == null) {
                    decided = treat == MissingData.IGNORE ? previous : AlarmState.INSUFFICIENT_DATA;
                    why += treat == MissingData.IGNORE ? "; state kept" : "";
                }
                return new Evaluation(decided, String.format("%s: %s%s; %s: %s (%s)", metric, noData,
                        real.isEmpty() ? "" : ", latest " + value(real.get(real.size() - 1), unit), missingAs, why, threshold));
            }
        }
    }

    /** Periods back from the newest (1 = newest) of the oldest real datapoint in the range (all real ones breach here). */
    private static int ageOfOldestBreaching(List<Double> range) {
        int oldest = 0;
        int size = range.size();
        for (int age = 1; age <= size; age++) {
            Double v = range.get(size - age);
            if (v != null) {
                oldest = age;
            }
        }
        return oldest;
    }

    private static boolean breaches(AlarmDefinition alarm, double value) {
        return alarm.comparison().breaches(value, alarm.threshold());
    }

    static String value(double v, String unit) {
        return number(v) + (unit == null || unit.isEmpty() ? "" : " " + unit);
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, "%,.2f", v);
    }
}
