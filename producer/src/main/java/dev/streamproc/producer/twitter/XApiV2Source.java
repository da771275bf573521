package dev.streamproc.producer.twitter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.producer.replay.ReplaySource;
import dev.streamproc.producer.source.TrendSearchSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * X API v2 over java.net.http with an app-only bearer token: {@code GET /2/trends/by/woeid/{id}}
 * and {@code GET /2/tweets/search/recent} (author expanded). Each tweet is sent in the
 * single-tweet shape {@code {"data":{...},"includes":{"users":[author]},"topic":"..."}}.
 */
public final class XApiV2Source extends TrendSearchSource {

    static final String TWEET_FIELDS = "created_at,lang,public_metrics,entities,referenced_tweets,author_id";
    static final String USER_FIELDS = "username,name,public_metrics,verified,created_at,location,description";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI baseUrl;
    private final String bearerToken;
    private final int woeid;

    public XApiV2Source(String bearerToken, URI baseUrl, int woeid, int maxTopics, int tweetsPerTopic) {
        super(maxTopics, tweetsPerTopic);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
        this.bearerToken = bearerToken;
        this.woeid = woeid;
    }

    @Override
    public String name() {
        return "x-api-v2";
    }

    @Override
    protected List<String> trends() throws ApiError {
        JsonNode body = get("/2/trends/by/woeid/" + woeid);
        List<String> names = new ArrayList<>();
        for (JsonNode trend : body.path("data")) {
            String name = trend.path("trend_name").asText("");
            if (!name.isBlank()) {
                names.add(name);
            }
        }
        return names;
    }

    @Override
    protected List<Found> search(String topic, Optional<String> sinceId) throws ApiError {
        // the API accepts 10..100 results per page; fewer wanted are cut after the call
        int maxResults = Math.max(10, Math.min(100, tweetsPerTopic));
        StringBuilder path = new StringBuilder("/2/tweets/search/recent?query=").append(encode(topic))
                .append("&max_results=").append(maxResults)
                .append("&expansions=author_id")
                .append("&tweet.fields=").append(encode(TWEET_FIELDS))
                .append("&user.fields=").append(encode(USER_FIELDS));
        sinceId.ifPresent(id -> path.append("&since_id=").append(encode(id)));
        JsonNode body = get(path.toString());
        JsonNode users = body.path("includes").path("users");
        List<Found> found = new ArrayList<>();
        for (JsonNode tweet : body.path("data")) {
            String id = tweet.path("id").asText("");
            if (id.isBlank()) {
                continue;
            }
            byte[] json = ReplaySource.singleTweet(tweet, users).toString().getBytes(StandardCharsets.UTF_8);
            found.add(new Found(id, json));
        }
        return found;
    }

    private JsonNode get(String pathAndQuery) throws ApiError {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + bearerToken)
                .header("User-Agent", "streamproc-producer")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ApiError(0, "network: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(0, "interrupted");
        }
        if (response.statusCode() != 200) {
            String reset = response.headers().firstValue("x-rate-limit-reset").map(r -> " (reset at epoch " + r + ")")
                    .orElse("");
            throw new ApiError(response.statusCode(), summary(response.body()) + reset);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ApiError(response.statusCode(), "response is not JSON");
        }
    }

    /** The API's own error text (title/detail), short; never echoes the request (it has no secret anyway). */
    private static String summary(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            String title = node.path("title").asText(node.path("errors").path(0).path("message").asText(""));
            String detail = node.path("detail").asText("");
            String text = (title + " " + detail).trim();
            return text.isEmpty() ? "no detail" : text;
        } catch (IOException | RuntimeException e) {
            return body == null ? "no body" : body.substring(0, Math.min(200, body.length()));
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
