package dev.streamproc.local.demo.example;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.demo.StreamCensus;
import dev.streamproc.local.stream.KinesisStreamSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An example whose producer CLI puts JSON records on a Kinesis stream and whose function stores each as an item.
 * What was produced is read back from the stream itself, so the check holds whatever the producer chose to send:
 * the table must hold one item per distinct key, the last record of that key, attribute for attribute.
 */
abstract class StreamToTableExample implements ExampleApp {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The stream's logical id in the template. */
    abstract String streamLogicalId();

    /** The table's physical name. */
    abstract String table();

    abstract String function();

    abstract String producerJar();

    abstract List<String> producerArgs(int count);

    /** The item the function stores for one record. */
    abstract Map<String, AttributeValue> item(JsonNode record);

    @Override
    public Produced produce(ExampleStack stack, int count) throws Exception {
        String said = stack.runCli(producerJar(), producerArgs(count), Duration.ofMinutes(5));
        String streamArn = stack.cloud().template().arn(streamLogicalId());
        StreamCensus census = StreamCensus.read(new KinesisStreamSource(stack.kinesis(), streamArn));
        Map<String, Map<String, AttributeValue>> byKey = new LinkedHashMap<>();
        int unreadable = 0;
        for (StreamCensus.UserRecord record : census.userRecords()) {
            try {
                Map<String, AttributeValue> item = item(JSON.readTree(record.data()));
                byKey.put(keyOf(item), item);
            } catch (IOException | RuntimeException e) {
                unreadable++;
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(producerJar().replace(".jar", "") + ": " + said.strip());
        lines.add("stream " + stack.cloud().template().physicalName(streamLogicalId()) + ": " + census.userRecords().size()
                + " records read back, " + byKey.size() + " distinct keys" + (unreadable == 0 ? "" : ", " + unreadable + " not JSON"));
        return new Produced(lines, Map.of("items", List.copyOf(byKey.values()), "records", census.userRecords().size()));
    }

    @Override
    public List<TableCheck> check(ExampleStack stack, Produced produced) {
        @SuppressWarnings("unchecked")
        List<Map<String, AttributeValue>> items = (List<Map<String, AttributeValue>>) produced.facts().get("items");
        return List.of(TableCheck.of(stack.dynamoDb(), table(), items));
    }

    abstract String keyOf(Map<String, AttributeValue> item);

    static AttributeValue number(JsonNode node) {
        return AttributeValue.fromN(node.decimalValue().toPlainString());
    }
}
