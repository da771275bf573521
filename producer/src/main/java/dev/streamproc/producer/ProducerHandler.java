package dev.streamproc.producer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.producer.kinesis.KplProducers;
import dev.streamproc.producer.source.SourceException;
import dev.streamproc.producer.source.SourceStateStore;
import dev.streamproc.producer.source.TweetSource;
import dev.streamproc.producer.source.TweetSources;
import dev.streamproc.producer.ssm.MissingParameterException;
import dev.streamproc.producer.ssm.SecretParameters;
import dev.streamproc.producer.ssm.SsmSourceStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The scheduled producer: one invocation polls the configured tweet source once and puts what
 * it found into the stream through the (per-container) KPL. Configuration: docs/contracts.md §5.
 */
public class ProducerHandler implements RequestHandler<ScheduledEvent, ProducerReport> {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kept back from the Lambda deadline to log and return the report. */
    private static final Duration RESERVE = Duration.ofSeconds(3);

    /** The stream writer of a handler: the KPL here, PutRecords in {@link PutRecordsProducerHandler}. */
    @FunctionalInterface
    protected interface SinkFactory {
        RecordSink sink(Map<String, String> env, String stream);
    }

    private final Map<String, String> env;
    private final ProducerSettings settings;
    private final SinkFactory sinks;
    private SsmClient ssm;
    private SourceStateStore memoryState; // when SINCE_ID_PARAMETER is not set: lives as long as the container

    public ProducerHandler() {
        this(System.getenv(), null);
    }

    /** For tests: an explicit environment and SSM client (null: built from the environment as in Lambda). */
    ProducerHandler(Map<String, String> env, SsmClient ssm) {
        this(env, ssm, KplProducers::sink);
    }

    protected ProducerHandler(Map<String, String> env, SsmClient ssm, SinkFactory sinks) {
        this.sinks = sinks;
        this.env = env;
        this.settings = ProducerSettings.fromEnvironment(env);
        this.ssm = ssm;
    }

    @Override
    public ProducerReport handleRequest(ScheduledEvent event, Context context) {
        TweetSource source;
        try {
            source = TweetSources.create(settings, () -> new SecretParameters(ssm()), scheduledTime(event));
        } catch (MissingParameterException | IllegalArgumentException e) {
            LOG.error(e.getMessage()); // one clear line (names the parameter or variable, never a value)
            throw e;
        }
        ProducerRun run = new ProducerRun(source, stateStore(), sinks.sink(env, settings.streamName()));
        ProducerReport report;
        try {
            report = run.run(waitBound(context));
        } catch (SourceException e) {
            LOG.error(e.getMessage()); // e.g. the API refused the credentials: one line, no secret
            throw e;
        }
        LOG.info("producer run {}", json(report));
        return report;
    }

    /** The schedule's time for this run (EventBridge's {@code time}), or now for a hand-made event. */
    private static Instant scheduledTime(ScheduledEvent event) {
        return event != null && event.getTime() != null ? Instant.ofEpochMilli(event.getTime().getMillis()) : Instant.now();
    }

    private SourceStateStore stateStore() {
        if (settings.sinceIdParameter().isPresent()) {
            return new SsmSourceStateStore(ssm(), settings.sinceIdParameter().get());
        }
        if (memoryState == null) {
            memoryState = SourceStateStore.inMemory();
        }
        return memoryState;
    }

    private synchronized SsmClient ssm() {
        if (ssm == null) { // region, credentials and AWS_ENDPOINT_URL_SSM come from the environment
            ssm = SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        }
        return ssm;
    }

    private static Duration waitBound(Context context) {
        long remaining = context == null ? 60_000 : context.getRemainingTimeInMillis();
        return Duration.ofMillis(Math.max(1_000, remaining - RESERVE.toMillis()));
    }

    private static String json(ProducerReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (Exception e) {
            return report.toString();
        }
    }
}
