package dev.streamproc.transformer;

import dev.streamproc.model.priming.PrimingHook;
import dev.streamproc.model.priming.SampleTweet;
import java.util.List;

/**
 * The transformer's SnapStart priming: Jackson, the tweet parser, the Athena-row mapping and the Firehose response
 * classes, on the sample tweet. Nothing is kept.
 */
final class SnapStartPriming extends PrimingHook<TransformedBatch> {

    private final FirehoseTransformation transformation;

    SnapStartPriming(FirehoseTransformation transformation) {
        this.transformation = transformation;
    }

    static SnapStartPriming register(FirehoseTransformation transformation) {
        return PrimingHook.register(new SnapStartPriming(transformation));
    }

    /** The sample's transformed batch, its Firehose response built too. */
    @Override
    protected TransformedBatch prime() {
        TransformedBatch batch = transformation.transform(List.of(new SourceRecord("priming", SampleTweet.utf8(), "1")));
        FirehoseEventMapping.toResponse(batch);
        return batch;
    }
}
