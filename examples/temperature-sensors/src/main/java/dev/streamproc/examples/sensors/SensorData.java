package dev.streamproc.examples.sensors;

import dev.streamproc.lambdakit.Decoding;
import dev.streamproc.lambdakit.TableMapping;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A reading as the tutorial's SensorData item: SensorId, CurrentTime, Temperature. */
public final class SensorData implements TableMapping<SensorKey, SensorReading> {

    @Override
    public Decoding<SensorReading> decode(byte[] data) {
        return SensorReadingParser.parse(data);
    }

    @Override
    public SensorKey keyOf(SensorReading reading) {
        return new SensorKey(reading.sensorId(), number(reading.currentTime()));
    }

    @Override
    public Map<String, AttributeValue> itemOf(SensorReading reading) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("SensorId", AttributeValue.fromS(reading.sensorId()));
        item.put("CurrentTime", AttributeValue.fromN(number(reading.currentTime())));
        item.put("Temperature", AttributeValue.fromN(reading.temperature().toPlainString()));
        return item;
    }

    @Override
    public List<String> keyAttributes() {
        return List.of("SensorId", "CurrentTime");
    }

    @Override
    public SensorKey keyOfItem(Map<String, AttributeValue> item) {
        return new SensorKey(item.get("SensorId").s(), item.get("CurrentTime").n());
    }

    /** 987654321 and 987654321.0 are one key to DynamoDB: write them the same way. */
    private static String number(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
