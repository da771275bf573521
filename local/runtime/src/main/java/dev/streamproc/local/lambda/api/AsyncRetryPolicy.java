package dev.streamproc.local.lambda.api;

import java.time.Duration;
import java.util.Map;

/**
 * How Lambda retries an asynchronous ({@code Event}) invocation that ends in a function error (Lambda developer
 * guide, "How Lambda handles errors and retries with asynchronous invocation"): by default two more attempts, "with a
 * one-minute wait between the first two attempts, and two minutes between the second and third"; an event older
 * than {@code MaximumEventAgeInSeconds} (default 6 hours) is not tried again. A function's SAM
 * {@code EventInvokeConfig} sets {@code MaximumRetryAttempts} (0..2) and {@code MaximumEventAgeInSeconds}
 * (60..21600). {@code firstRetryDelay} is a local knob (AWS: one minute) that tests shorten; later waits keep the shape.
 */
public record AsyncRetryPolicy(int maximumRetryAttempts, Duration maximumEventAge, Duration firstRetryDelay) {

    public static final Duration AWS_FIRST_RETRY_DELAY = Duration.ofMinutes(1);
    public static final AsyncRetryPolicy AWS_DEFAULT = new AsyncRetryPolicy(2, Duration.ofHours(6), AWS_FIRST_RETRY_DELAY);

    public AsyncRetryPolicy {
        if (maximumRetryAttempts < 0 || maximumRetryAttempts > 2) {
            throw new IllegalArgumentException("MaximumRetryAttempts must be 0..2, was " + maximumRetryAttempts);
        }
        if (maximumEventAge.toSeconds() < 60 || maximumEventAge.toSeconds() > 21_600) {
            throw new IllegalArgumentException("MaximumEventAgeInSeconds must be 60..21600, was " + maximumEventAge.toSeconds());
        }
    }

    /** A function's SAM {@code EventInvokeConfig} (null: none), on AWS's defaults. */
    public static AsyncRetryPolicy of(Object eventInvokeConfig) {
        if (!(eventInvokeConfig instanceof Map<?, ?> config)) {
            return AWS_DEFAULT;
        }
        if (config.get("DestinationConfig") != null) {
            // Lambda would send the failed (or succeeded) events there; running without them would lose them silently.
            throw new IllegalArgumentException("DestinationConfig (destinations of asynchronous invocations) is not run locally;"
                    + " remove it to run this stack locally");
        }
        return new AsyncRetryPolicy(intOf(config.get("MaximumRetryAttempts"), AWS_DEFAULT.maximumRetryAttempts),
                Duration.ofSeconds(intOf(config.get("MaximumEventAgeInSeconds"), (int) AWS_DEFAULT.maximumEventAge.toSeconds())),
                AWS_FIRST_RETRY_DELAY);
    }

    public AsyncRetryPolicy withFirstRetryDelay(Duration delay) {
        return new AsyncRetryPolicy(maximumRetryAttempts, maximumEventAge, delay);
    }

    /** The wait before retry number {@code retry} (1 = the first): one minute, then two. */
    public Duration delayBefore(int retry) {
        return firstRetryDelay.multipliedBy(retry);
    }

    /** Whether an event queued {@code age} ago that failed {@code retriesDone} retries gets another attempt. */
    public boolean retries(int retriesDone, Duration age) {
        return retriesDone < maximumRetryAttempts && age.plus(delayBefore(retriesDone + 1)).compareTo(maximumEventAge) <= 0;
    }

    private static int intOf(Object value, int fallback) {
        return value == null ? fallback : value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
    }
}
