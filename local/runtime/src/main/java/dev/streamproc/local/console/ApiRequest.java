package dev.streamproc.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Map;

/**
 * One call of the console's JSON API: the path's variable parts, the query parameters and (for POST) the JSON body.
 */
public record ApiRequest(String method, List<String> pathParams, Map<String, String> query, JsonNode body) {

    public ApiRequest {
        pathParams = List.copyOf(pathParams);
        query = Map.copyOf(query);
        body = body == null ? NullNode.getInstance() : body;
    }

    public String path(int index) {
        return pathParams.get(index);
    }

    /** A query parameter, or the default when absent or empty. */
    public String param(String name, String otherwise) {
        String value = query.get(name);
        return value == null || value.isEmpty() ? otherwise : value;
    }

    /** A whole-number query parameter within [min, max]; a clear 400 otherwise. */
    public int intParam(String name, int otherwise, int min, int max) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new ApiException(400, name + " must be between " + min + " and " + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiException(400, name + " must be a whole number, was '" + value + "'");
        }
    }

    /** A required text field of the JSON body. */
    public String bodyText(String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual()) {
            throw new ApiException(400, "the request body needs a text field '" + field + "'");
        }
        return node.asText();
    }
}
