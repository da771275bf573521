package dev.streamproc.local.demo.example;

import dev.streamproc.local.esm.EventSourceMapping;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Game scores (seed 003). Part 1: records put on {@code Lab-Stream} are each logged by {@code ProcessKinesisRecords}
 * (the lab's {@code aws kinesis put-record}). Part 2: score records put in {@code GameScoreRecords} (the lab's
 * {@code aws dynamodb put-item}) reach {@code AggregateScoresByUser} through the table's stream, which adds each
 * score to its user's total in {@code GameScoresByUser} once. Then every score record is delivered again (the
 * mapping forgets its checkpoints and restarts) and the totals must not move.
 */
final class GameScoresExample implements ExampleApp {

    static final List<String> PLAYERS = List.of("Jane Doe", "John Roe", "Mary Major", "Richard Miles", "Zhang Wěi");
    static final String AGGREGATOR = "AggregateScoresByUser";

    @Override
    public String name() {
        return "game-scores";
    }

    @Override
    public Produced produce(ExampleStack stack, int count) {
        String labStream = stack.cloud().template().physicalName("LabStream");
        for (int i = 1; i <= count; i++) {
            String data = "Hello from record " + i + " of the lab";
            stack.kinesis().putRecord(b -> b.streamName(labStream).partitionKey("lab").data(SdkBytes.fromString(data, StandardCharsets.UTF_8)));
        }
        SplittableRandom random = new SplittableRandom(3);
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            String player = PLAYERS.get(random.nextInt(PLAYERS.size()));
            int score = 1 + random.nextInt(500);
            Map<String, AttributeValue> item = Map.of("RecordID", AttributeValue.fromN(Integer.toString(i)),
                    "Username", AttributeValue.fromS(player), "Score", AttributeValue.fromN(Integer.toString(score)),
                    "Nickname", AttributeValue.fromS(player.split(" ")[0] + "-" + i));
            stack.dynamoDb().putItem(b -> b.tableName("GameScoreRecords").item(item));
            totals.merge(player, BigDecimal.valueOf(score), BigDecimal::add);
        }
        List<String> lines = List.of(
                "put-record: " + count + " records on " + labStream,
                "put-item: " + count + " score records in GameScoreRecords for " + totals.size() + " players, "
                        + totals.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add) + " points in all");
        return new Produced(lines, Map.of("totals", totals, "count", count));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<TableCheck> check(ExampleStack stack, Produced produced) {
        Map<String, BigDecimal> totals = (Map<String, BigDecimal>) produced.facts().get("totals");
        int count = (Integer) produced.facts().get("count");
        List<Map<String, AttributeValue>> expected = new ArrayList<>();
        totals.forEach((player, total) -> expected.add(Map.of("Username", AttributeValue.fromS(player),
                "Score", AttributeValue.fromN(total.toPlainString()))));
        List<TableCheck> checks = new ArrayList<>();
        checks.add(TableCheck.of(stack.dynamoDb(), "GameScoresByUser", expected));
        checks.add(TableCheck.count(stack.dynamoDb(), "GameScoresAppliedRecords", count));
        EventSourceMapping lab = stack.mapping("ProcessKinesisRecords");
        long logged = lab.metrics().recordsDelivered();
        checks.add(new TableCheck("ProcessKinesisRecords (Lab-Stream records logged)", count, (int) logged,
                (int) Math.max(0, count - logged), (int) Math.max(0, logged - count), 0, List.of()));
        return checks;
    }

    @Override
    public Step afterExact(ExampleStack stack, Produced produced) throws Exception {
        int count = (Integer) produced.facts().get("count");
        stack.restartForgetting(AGGREGATOR);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (stack.mapping(AGGREGATOR).metrics().recordsDelivered() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        long redelivered = stack.mapping(AGGREGATOR).metrics().recordsDelivered();
        List<TableCheck> after = check(stack, produced).subList(0, 2);
        List<String> lines = new ArrayList<>();
        lines.add("redelivered " + redelivered + " of " + count + " score records to " + AGGREGATOR
                + " (checkpoints forgotten, mapping restarted):");
        after.forEach(c -> lines.add("  " + c.line()));
        return new Step(lines, redelivered >= count && after.stream().allMatch(TableCheck::exact));
    }
}
