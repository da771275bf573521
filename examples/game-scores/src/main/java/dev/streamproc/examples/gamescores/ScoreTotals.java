package dev.streamproc.examples.gamescores;

import dev.streamproc.lambdakit.Backoff;
import dev.streamproc.lambdakit.BatchWriter;
import dev.streamproc.lambdakit.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Adds a score to a user's total exactly once. One transaction does two things or nothing:
 * it records the stream record's id in the applied-records table on condition that it is not
 * there yet, and it {@code ADD}s the score to the user's item. A redelivered record fails the
 * condition, so the whole transaction is cancelled and the total is untouched.
 *
 * <p>The applied ids expire (TTL) well after the stream's 24-hour retention, the longest a
 * record can be redelivered.
 */
public final class ScoreTotals {

    /** How an addition ended. */
    public enum Outcome { ADDED, ALREADY_ADDED, REJECTED, NOT_ADDED }

    /** The outcome, with the reason of a rejection or of giving up, and the retries it took. */
    public record Result(Outcome outcome, String reason, int retries) {
    }

    /** Stream records live 24 hours; remember applied ids a good while longer. */
    static final Duration REMEMBER_APPLIED = Duration.ofDays(7);

    private final DynamoDbClient dynamo;
    private final String totalsTable;
    private final String appliedTable;
    private final Backoff backoff;
    private final Clock clock;

    public ScoreTotals(DynamoDbClient dynamo, String totalsTable, String appliedTable, Backoff backoff, Clock clock) {
        this.dynamo = dynamo;
        this.totalsTable = totalsTable;
        this.appliedTable = appliedTable;
        this.backoff = backoff;
        this.clock = clock;
    }

    public Result add(ScoreDecision.Add add, Deadline deadline) {
        int retries = 0;
        while (true) {
            String retryCause;
            try {
                transact(add, deadline);
                return new Result(Outcome.ADDED, null, retries);
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                String first = reasons.isEmpty() ? null : reasons.get(0).code();
                if ("ConditionalCheckFailed".equals(first)) {
                    return new Result(Outcome.ALREADY_ADDED, null, retries);
                }
                if (reasons.stream().anyMatch(reason -> "ValidationError".equals(reason.code()))) {
                    return new Result(Outcome.REJECTED, "DynamoDB refused the addition: " + e.getMessage(), retries);
                }
                retryCause = "transaction cancelled: " + reasons.stream().map(CancellationReason::code).toList();
            } catch (ResourceNotFoundException e) {
                return new Result(Outcome.NOT_ADDED, "table missing: " + e.getMessage(), retries);
            } catch (SdkException e) {
                if (!BatchWriter.isTransient(e)) {
                    return new Result(Outcome.REJECTED, "DynamoDB refused the addition: " + e.getMessage(), retries);
                }
                retryCause = e.getClass().getSimpleName();
            }
            Duration wait = backoff.delay(retries + 1);
            if (deadline.expired() || wait.compareTo(deadline.remaining()) >= 0) {
                return new Result(Outcome.NOT_ADDED, "out of invocation time after " + retries + " retries (" + retryCause + ")", retries);
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(Outcome.NOT_ADDED, "interrupted", retries);
            }
            retries++;
        }
    }

    private void transact(ScoreDecision.Add add, Deadline deadline) {
        AttributeValue score = AttributeValue.fromN(add.score().toPlainString());
        long expiresAt = clock.instant().plus(REMEMBER_APPLIED).getEpochSecond();
        Put remember = Put.builder()
                .tableName(appliedTable)
                .item(Map.of(
                        "EventId", AttributeValue.fromS(add.appliedId()),
                        "Username", AttributeValue.fromS(add.username()),
                        "Score", score,
                        "ExpiresAt", AttributeValue.fromN(Long.toString(expiresAt))))
                .conditionExpression("attribute_not_exists(EventId)")
                .build();
        Update addScore = Update.builder()
                .tableName(totalsTable)
                .key(Map.of("Username", AttributeValue.fromS(add.username())))
                .updateExpression("ADD Score :score")
                .expressionAttributeValues(Map.of(":score", score))
                .build();
        Duration timeout = deadline.remaining().compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : deadline.remaining();
        dynamo.transactWriteItems(request -> request
                .transactItems(TransactWriteItem.builder().put(remember).build(), TransactWriteItem.builder().update(addScore).build())
                .overrideConfiguration(call -> call.apiCallTimeout(timeout)));
    }
}
