package dev.streamproc.producer.twitter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback stand-in for the Twitter v1.1 and X API v2 endpoints the producer calls, serving
 * responses shaped like recorded ones. It keeps tweets per topic and honours since_id and
 * count/max_results, so tests see the real incremental behaviour; a topic can be told to fail.
 */
final class FakeTwitterApi implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    record Request(String path, Map<String, String> query, String authorization) {
    }

    private final HttpServer server;
    private final List<String> trends = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<Long>> tweetIds = new ConcurrentHashMap<>(); // topic -> ids, ascending
    private final Map<String, Integer> failures = new ConcurrentHashMap<>(); // topic or "trends" -> HTTP status
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    FakeTwitterApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    URI v1BaseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/1.1/");
    }

    URI v2BaseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void trend(String topic, long... ids) {
        trends.add(topic);
        tweetIds.computeIfAbsent(topic, t -> Collections.synchronizedList(new ArrayList<>()));
        newTweets(topic, ids);
    }

    void newTweets(String topic, long... ids) {
        for (long id : ids) {
            tweetIds.get(topic).add(id);
        }
    }

    void fail(String topicOrTrends, int status) {
        failures.put(topicOrTrends, status);
    }

    List<Request> searches() {
        return requests.stream().filter(r -> r.path().contains("search")).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            Map<String, String> query = parse(uri.getRawQuery());
            requests.add(new Request(uri.getPath(), query, exchange.getRequestHeaders().getFirst("Authorization")));
            String path = uri.getPath();
            boolean v2 = path.startsWith("/2/");
            String topic = path.contains("trends") ? "trends" : query.getOrDefault(v2 ? "query" : "q", "");
            Integer failure = failures.get(topic);
            if (failure != null) {
                respond(exchange, failure, error(v2, failure));
                return;
            }
            if (path.equals("/1.1/trends/place.json")) {
                respond(exchange, 200, v1Trends());
            } else if (path.equals("/1.1/search/tweets.json")) {
                respond(exchange, 200, v1Search(topic, query));
            } else if (path.startsWith("/2/trends/by/woeid/")) {
                respond(exchange, 200, v2Trends());
            } else if (path.equals("/2/tweets/search/recent")) {
                respond(exchange, 200, v2Search(topic, query));
            } else {
                respond(exchange, 404, "{\"errors\":[{\"message\":\"Sorry, that page does not exist\",\"code\":34}]}");
            }
        }
    }

    private List<Long> matching(String topic, Map<String, String> query, String countParam) {
        long since = Long.parseLong(query.getOrDefault("since_id", "0"));
        int count = Integer.parseInt(query.getOrDefault(countParam, "15"));
        List<Long> ids = new ArrayList<>(tweetIds.getOrDefault(topic, List.of()).stream().filter(id -> id > since).toList());
        Collections.reverse(ids); // newest first, as the APIs answer
        return ids.subList(0, Math.min(count, ids.size()));
    }

    private String v1Trends() {
        ArrayNode root = JSON.createArrayNode();
        ObjectNode place = root.addObject();
        ArrayNode list = place.putArray("trends");
        for (String t : trends) {
            list.addObject().put("name", t).put("url", "http://twitter.com/search?q=x").putNull("promoted_content")
                    .put("query", URLDecoder.decode(t, StandardCharsets.UTF_8)).put("tweet_volume", 1000);
        }
        place.put("as_of", "2026-11-23T01:00:00Z").put("created_at", "2026-11-23T00:55:00Z");
        place.putArray("locations").addObject().put("name", "Worldwide").put("woeid", 1);
        return root.toString();
    }

    private String v1Search(String topic, Map<String, String> query) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode statuses = root.putArray("statuses");
        for (long id : matching(topic, query, "count")) {
            ObjectNode s = statuses.addObject();
            s.put("created_at", "Mon Nov 23 01:00:00 +0000 2026").put("id", id).put("id_str", Long.toString(id))
                    .put("full_text", "tweet " + id + " about " + topic).put("truncated", false);
            s.putObject("entities").putArray("hashtags");
            s.putObject("user").put("id", 7).put("id_str", "7").put("name", "Seven").put("screen_name", "seven")
                    .put("followers_count", 70).put("created_at", "Mon Nov 23 01:00:00 +0000 2020");
            s.put("retweet_count", 1).put("favorite_count", 2).put("lang", "en");
        }
        root.putObject("search_metadata").put("completed_in", 0.01).put("count", statuses.size())
                .put("query", topic).put("since_id", 0).put("since_id_str", "0");
        return root.toString();
    }

    private String v2Trends() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = root.putArray("data");
        for (String t : trends) {
            data.addObject().put("trend_name", t).put("tweet_count", 12_000);
        }
        return root.toString();
    }

    private String v2Search(String topic, Map<String, String> query) {
        ObjectNode root = JSON.createObjectNode();
        List<Long> ids = matching(topic, query, "max_results");
        if (!ids.isEmpty()) {
            ArrayNode data = root.putArray("data");
            for (long id : ids) {
                ObjectNode t = data.addObject().put("id", Long.toString(id)).put("text", "tweet " + id + " about " + topic)
                        .put("author_id", id % 2 == 0 ? "20" : "21").put("created_at", "2026-11-23T01:00:00.000Z")
                        .put("lang", "en");
                t.putObject("public_metrics").put("retweet_count", 1).put("like_count", 2).put("reply_count", 0)
                        .put("quote_count", 0);
                t.putArray("edit_history_tweet_ids").add(Long.toString(id));
            }
            ArrayNode users = root.putObject("includes").putArray("users");
            users.addObject().put("id", "20").put("username", "even").put("name", "Even");
            users.addObject().put("id", "21").put("username", "odd").put("name", "Odd");
            root.putObject("meta").put("newest_id", Long.toString(ids.get(0)))
                    .put("oldest_id", Long.toString(ids.get(ids.size() - 1))).put("result_count", ids.size());
        } else {
            root.putObject("meta").put("result_count", 0);
        }
        return root.toString();
    }

    private static String error(boolean v2, int status) {
        if (v2) {
            return switch (status) {
                case 429 -> "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}";
                case 401 -> "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}";
                default -> "{\"title\":\"Service Unavailable\",\"detail\":\"try later\",\"status\":" + status + "}";
            };
        }
        return switch (status) {
            case 429 -> "{\"errors\":[{\"message\":\"Rate limit exceeded\",\"code\":88}]}";
            case 401 -> "{\"errors\":[{\"message\":\"Could not authenticate you\",\"code\":32}]}";
            default -> "{\"errors\":[{\"message\":\"Internal error\",\"code\":131}]}";
        };
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        if (status == 429) {
            exchange.getResponseHeaders().set("x-rate-limit-reset", "1795000000");
            exchange.getResponseHeaders().set("x-rate-limit-remaining", "0");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
