package dev.streamproc.producer;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * The scheduled producer: one invocation polls the configured tweet source once and puts what
 * it found into the stream through the (per-container) KPL. Configuration: docs/contracts.md §5.
 *
 * <p>Per container (built on first use, reused by every invocation): the SSM client and the
 * Powertools parameter provider (so its {@code withMaxAge} cache spans invocations), the API and
 * replay sources (rebuilt after {@link #SOURCE_MAX_AGE}, so rotated credentials are picked up), and
 * the stream writer. A synthetic source is made per run: its tweets start at the schedule's time.
 * Logs are Powertools JSON lines; each run publishes EMF metrics ({@link ProducerMetrics}).
 */
public class ProducerHandler implements RequestHandler<ScheduledEvent, ProducerReport> {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerHandler.class);
    /** Kept back from the Lambda deadline to log and return the report. */
    private static final Duration RESERVE = Duration.ofSeconds(3);
    /** As long as the parameters' cache: a source made from credentials is not older than they may be. */
    static final Duration SOURCE_MAX_AGE = SecretParameters.MAX_AGE;

    /** The stream writer of a handler: the KPL here, PutRecords in {@link PutRecordsProducerHandler}. */
    @FunctionalInterface
    protected interface SinkFactory {
        RecordSink sink(Map<String, String> env, String stream);
    }

    private final Map<String, String> env;
    private final ProducerSettings settings;
    private final SinkFactory sinks;
    private final Supplier<Metrics> metrics;
    private SsmClient ssm;
    private SecretParameters secrets;
    private TweetSource cachedSource;
    private long cachedSourceAt;
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
        this.metrics = MetricsFactory::getMetricsInstance;
    }

    @Override
    public ProducerReport handleRequest(ScheduledEvent event, Context context) {
        if (context == null) { // a direct call (tests): no Lambda context to log with
            return produce(event, null);
        }
        return PowertoolsLogging.withLogging(context, () -> produce(event, context));
    }

    private ProducerReport produce(ScheduledEvent event, Context context) {
        TweetSource source;
        try {
            source = source(scheduledTime(event));
        } catch (MissingParameterException | IllegalArgumentException e) {
            LOG.error(e.getMessage()); // one clear line (names the parameter or variable, never a value)
            throw e;
        }
        ProducerRun run = new ProducerRun(source, stateStore(), sinks.sink(env, settings.streamName()));
        ProducerReport report;
        try {
            report = run.run(waitBound(context));
        } catch (SourceException e) {
            cachedSource = null; // e.g. refused credentials: read them again next time
            LOG.error(e.getMessage()); // e.g. the API refused the credentials: one line, no secret
            throw e;
        }
        log(report);
        try {
            ProducerMetrics.publish(metrics.get(), report);
        } catch (RuntimeException e) { // metrics are a report about the run, never a reason to fail it
            LOG.warn("metrics not published", entry("error", e.toString()));
        }
        return report;
    }

    private static void log(ProducerReport report) {
        for (String error : report.errors()) {
            LOG.warn("producer issue", entry("source", report.source()), entry("error", error));
        }
        LOG.info("producer run", entry("source", report.source()), entry("sent", report.sent()),
                entry("failed", report.failed()), entry("rejected", report.rejected()),
                entry("possibleDuplicates", report.possibleDuplicates()), entry("stateSaved", report.stateSaved()),
                entry("rateLimited", report.rateLimited()), entry("perTopic", report.perTopic()),
                entry("elapsedMillis", report.elapsedMillis()));
    }

    /** The per-container source, or a new synthetic one starting at this run's time. */
    private synchronized TweetSource source(Instant now) {
        if (settings.source().equals(TweetSources.SYNTHETIC)) {
            return TweetSources.create(settings, this::secrets, now);
        }
        if (cachedSource == null || System.nanoTime() - cachedSourceAt > SOURCE_MAX_AGE.toNanos()) {
            cachedSource = TweetSources.create(settings, this::secrets, now);
            cachedSourceAt = System.nanoTime();
        }
        return cachedSource;
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

    private synchronized SecretParameters secrets() {
        if (secrets == null) {
            secrets = new SecretParameters(ssm());
        }
        return secrets;
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
}
