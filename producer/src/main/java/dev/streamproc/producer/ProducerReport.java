package dev.streamproc.producer;

import java.util.List;
import java.util.Map;

/**
 * What one producer run did; the Lambda's return value and the CLI's summary.
 * Every tweet a source yielded is either {@code sent} or {@code failed}; {@code rejected}
 * counts input the source could not turn into a record at all.
 *
 * @param source       source name
 * @param sent         user records the stream acknowledged
 * @param failed       user records not acknowledged after one retry (or not within the time bound)
 * @param rejected     input items the source skipped as unusable (bad JSON, no id)
 * @param possibleDuplicates sent records whose earlier try timed out: the stream may hold them twice
 * @param perTopic     sent/failed per topic ("(none)" for delete notices and topic-less replays)
 * @param stateSaved   whether the source position (since_id, offsets) was advanced
 * @param rateLimited  whether the tweet API answered 429 and the run stopped polling early
 * @param errors       sample of error lines (at most 20), never containing secrets
 * @param elapsedMillis wall time of the run
 */
public record ProducerReport(String source, long sent, long failed, long rejected, long possibleDuplicates,
                             Map<String, TopicCounts> perTopic, boolean stateSaved, boolean rateLimited,
                             List<String> errors, long elapsedMillis) {

    public record TopicCounts(long sent, long failed) {
    }

    public ProducerReport {
        perTopic = Map.copyOf(perTopic);
        errors = List.copyOf(errors);
    }
}
