package dev.streamproc.local.lambda.testfunction;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A handler for a Kinesis mapping with a tumbling window, written as the Lambda developer guide's "Time windows"
 * example is: it counts the window's records per partition key into its state (a map of strings, as the guide
 * recommends for Java) and returns {@code {"state": ...}}; the final call of a window logs the totals.
 */
public class WindowCountFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> state = new LinkedHashMap<>((Map<String, Object>) event.getOrDefault("state", Map.of()));
        for (Map<String, Object> record : (List<Map<String, Object>>) event.get("Records")) {
            String key = String.valueOf(((Map<String, Object>) record.get("kinesis")).get("partitionKey"));
            state.put(key, String.valueOf(Integer.parseInt(String.valueOf(state.getOrDefault(key, "0"))) + 1));
        }
        Map<String, Object> window = (Map<String, Object>) event.get("window");
        if (Boolean.TRUE.equals(event.get("isFinalInvokeForWindow"))) {
            System.out.println("window " + window.get("start") + " final " + state);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("state", state);
        return response;
    }
}
