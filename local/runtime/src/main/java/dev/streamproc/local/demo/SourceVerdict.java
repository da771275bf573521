package dev.streamproc.local.demo;

import java.util.Optional;

/**
 * Whether the producer's source gave the demo something honest to count. A run on no tweet at all is never a
 * success (the demo's own malformed records and notices would still "account" exactly); a run on input the source
 * threw away is one only when the user said so ({@code --accept-rejected}): otherwise a capture that is mostly
 * unusable would pass as a good replay.
 */
public final class SourceVerdict {

    private SourceVerdict() {
    }

    /**
     * @param submitted tweets the source yielded to the producer
     * @param rejected  input items the source could not use
     * @param source    the source as given ({@code synthetic}, {@code replay:FILE})
     * @return the one line saying why the run fails, or empty when the source is fine
     */
    public static Optional<String> failure(long submitted, long rejected, String source, boolean acceptRejected) {
        if (submitted == 0) {
            return Optional.of("the source " + source + " yielded no tweet"
                    + (rejected > 0 ? ": it could not use any of its " + rejected + " input item(s) (each is named in the producer's log)"
                    : " (it had nothing to read)"));
        }
        if (rejected > 0 && !acceptRejected) {
            return Optional.of("the source " + source + " could not use " + rejected + " input item(s) (each is named in the"
                    + " producer's log); the " + submitted + " it could use went through: --accept-rejected accepts such a run");
        }
        return Optional.empty();
    }

    /** The verdict on a producer run. */
    public static Optional<String> failure(ProducerProcess.Result result, String source, boolean acceptRejected) {
        return failure(result.submitted(), result.rejected(), source, acceptRejected);
    }
}
