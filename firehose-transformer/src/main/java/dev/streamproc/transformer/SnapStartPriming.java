package dev.streamproc.transformer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming (a runtime hook): before Lambda snapshots the initialised container, transform one sample tweet
 * and build its Firehose response, so that a restored container starts with Jackson, the tweet parser, the Athena-row
 * mapping and the response classes loaded instead of loading them during its first batch. Nothing is kept.
 */
final class SnapStartPriming implements Resource {

    /** A v1.1 status with the fields the row reads, non-ASCII text included. */
    static final String SAMPLE_TWEET = """
            {"created_at":"Sun Nov 29 18:00:00 +0000 2026","id":1,"id_str":"1","text":"priming \u00e9\u6771 #Java",
             "lang":"en","retweet_count":0,"favorite_count":0,"entities":{"hashtags":[{"text":"Java"}]},
             "user":{"id_str":"1","screen_name":"priming","name":"Priming","followers_count":0}}""";

    private final FirehoseTransformation transformation;
    private int primed;

    SnapStartPriming(FirehoseTransformation transformation) {
        this.transformation = transformation;
    }

    /** Registers with the global context; the handler keeps the instance (the context may hold it weakly). */
    static SnapStartPriming register(FirehoseTransformation transformation) {
        SnapStartPriming priming = new SnapStartPriming(transformation);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to restore: priming holds no connection, thread or random state
    }

    /** The sample's transformed batch; returned for tests, dropped by the hook. */
    TransformedBatch prime() {
        TransformedBatch batch = transformation.transform(List.of(new SourceRecord("priming", SAMPLE_TWEET.getBytes(StandardCharsets.UTF_8), "1")));
        FirehoseEventMapping.toResponse(batch);
        primed++;
        return batch;
    }

    int timesPrimed() {
        return primed;
    }
}
