package dev.streamproc.examples.wildrydes;

import dev.streamproc.lambdakit.Decoding;
import dev.streamproc.lambdakit.TableMapping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A status as the UnicornSensorData item the tutorial stores: the JSON's fields as attributes. */
public final class UnicornSensorData implements TableMapping<StatusKey, UnicornStatus> {

    @Override
    public Decoding<UnicornStatus> decode(byte[] data) {
        return UnicornStatusParser.parse(data);
    }

    @Override
    public StatusKey keyOf(UnicornStatus status) {
        return status.key();
    }

    @Override
    public Map<String, AttributeValue> itemOf(UnicornStatus status) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("Name", AttributeValue.fromS(status.name()));
        item.put("StatusTime", AttributeValue.fromS(status.statusTime()));
        item.put("Latitude", AttributeValue.fromN(status.latitude().toPlainString()));
        item.put("Longitude", AttributeValue.fromN(status.longitude().toPlainString()));
        item.put("Distance", AttributeValue.fromN(status.distance().toPlainString()));
        item.put("HealthPoints", AttributeValue.fromN(Long.toString(status.healthPoints())));
        item.put("MagicPoints", AttributeValue.fromN(Long.toString(status.magicPoints())));
        return item;
    }

    @Override
    public List<String> keyAttributes() {
        return List.of("Name", "StatusTime");
    }

    @Override
    public StatusKey keyOfItem(Map<String, AttributeValue> item) {
        return new StatusKey(item.get("Name").s(), item.get("StatusTime").s());
    }
}
