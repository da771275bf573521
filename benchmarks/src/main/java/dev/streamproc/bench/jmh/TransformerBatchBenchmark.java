package dev.streamproc.bench.jmh;

import dev.streamproc.transformer.FirehoseTransformation;
import dev.streamproc.transformer.SourceRecord;
import dev.streamproc.transformer.TransformedBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Firehose transformer's core on a 6 MB batch of tweets (records as Firehose hands them
 * over from a Kinesis source: one tweet each, already base64-decoded). Target: at most 50 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TransformerBatchBenchmark {

    static final long BATCH_BYTES = 6L * 1024 * 1024;

    private List<SourceRecord> batch;
    private FirehoseTransformation transformation;

    @Setup
    public void buildBatch() {
        batch = new ArrayList<>();
        long bytes = 0;
        List<byte[]> tweets = RealisticTweets.generate(4_000, 7);
        for (int i = 0; bytes < BATCH_BYTES; i++) {
            byte[] tweet = tweets.get(i % tweets.size());
            batch.add(new SourceRecord("49590338271490256608559692538361571095921575989136588" + i + "000000", tweet,
                    Integer.toString(i)));
            bytes += tweet.length;
        }
        transformation = new FirehoseTransformation();
    }

    @Benchmark
    public TransformedBatch transformSixMegabytes() {
        return transformation.transform(batch);
    }
}
