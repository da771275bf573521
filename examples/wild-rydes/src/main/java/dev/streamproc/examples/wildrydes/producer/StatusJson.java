package dev.streamproc.examples.wildrydes.producer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.examples.wildrydes.UnicornStatus;
import java.nio.charset.StandardCharsets;

/** A status as the tutorial's producer writes it on the stream: one UTF-8 JSON object. */
public final class StatusJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusJson() {
    }

    public static byte[] of(UnicornStatus status) {
        ObjectNode json = JSON.createObjectNode();
        json.put("Name", status.name());
        json.put("StatusTime", status.statusTime());
        json.put("Latitude", status.latitude());
        json.put("Longitude", status.longitude());
        json.put("Distance", status.distance());
        json.put("HealthPoints", status.healthPoints());
        json.put("MagicPoints", status.magicPoints());
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
