package dev.streamproc.producer.source;

import java.util.List;

/**
 * What a source skipped or could not fetch in its last batch.
 *
 * @param rejected    input items that could not become a record (bad JSON, no id), counted, never sent
 * @param rateLimited the API answered 429: the run stopped polling early (state not advanced for the rest)
 * @param errors      one line per problem (topic or line number + reason), never a secret
 */
public record SourceIssues(long rejected, boolean rateLimited, List<String> errors) {

    public static final SourceIssues NONE = new SourceIssues(0, false, List.of());

    public SourceIssues {
        errors = List.copyOf(errors);
    }
}
