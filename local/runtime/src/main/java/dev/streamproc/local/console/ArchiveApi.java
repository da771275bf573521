package dev.streamproc.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The archive bucket, browsed like S3's console: one page of "folders" and objects under a prefix
 * (ListObjectsV2 with a delimiter and MaxKeys), and one page of an object's lines, gunzipped; Firehose's error
 * records show their error code and their raw data decoded.
 */
public final class ArchiveApi {

    static final int MAX_KEYS = 200;
    static final int MAX_LINES = 500;

    public record ObjectEntry(String key, long size, String lastModified) {
    }

    public record Listing(String bucket, String prefix, List<String> folders, List<ObjectEntry> objects, String next) {
    }

    /** One line of an object; for Firehose error records also the error code, message and the raw record. */
    public record Line(int number, DisplayText text, String errorCode, String errorMessage, DisplayText rawData) {
    }

    public record ObjectPage(String bucket, String key, List<Line> lines, int from, boolean more) {
    }

    private final S3Client s3;
    private final List<String> buckets;

    public ArchiveApi(S3Client s3, List<String> buckets) {
        this.s3 = s3;
        this.buckets = List.copyOf(buckets);
    }

    public void register(Routes routes) {
        routes.get("/archive/buckets", r -> buckets);
        routes.get("/archive/list", r -> list(bucket(r.param("bucket", null)), r.param("prefix", ""), r.param("token", null),
                r.intParam("limit", 100, 1, MAX_KEYS)));
        routes.get("/archive/object", r -> object(bucket(r.param("bucket", null)), r.param("key", null), r.intParam("from", 0, 0, Integer.MAX_VALUE),
                r.intParam("lines", 100, 1, MAX_LINES)));
    }

    private String bucket(String bucket) {
        if (bucket == null) {
            if (buckets.isEmpty()) {
                throw new ApiException(404, "the template has no bucket");
            }
            return buckets.get(0);
        }
        if (!buckets.contains(bucket)) {
            throw ApiException.notFound("bucket " + bucket + " of the stack");
        }
        return bucket;
    }

    public Listing list(String bucket, String prefix, String token, int limit) {
        try {
            var page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).delimiter("/").maxKeys(limit).continuationToken(token));
            return new Listing(bucket, prefix, page.commonPrefixes().stream().map(p -> p.prefix()).toList(),
                    page.contents().stream().map(o -> new ObjectEntry(o.key(), o.size(), String.valueOf(o.lastModified()))).toList(),
                    Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null);
        } catch (NoSuchBucketException e) {
            throw ApiException.notFound("bucket " + bucket);
        }
    }

    public ObjectPage object(String bucket, String key, int from, int count) throws IOException {
        if (key == null || key.isEmpty()) {
            throw new ApiException(400, "which object? (key)");
        }
        try (InputStream raw = s3.getObject(b -> b.bucket(bucket).key(key));
             BufferedReader reader = new BufferedReader(new InputStreamReader(gunzipped(raw), StandardCharsets.UTF_8))) {
            List<Line> lines = new ArrayList<>();
            int number = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                if (number >= from) {
                    if (lines.size() == count) {
                        return new ObjectPage(bucket, key, lines, from, true);
                    }
                    lines.add(line(number, line));
                }
                number++;
            }
            return new ObjectPage(bucket, key, lines, from, false);
        } catch (NoSuchKeyException e) {
            throw ApiException.notFound("object " + key);
        }
    }

    static Line line(int number, String text) {
        DisplayText shown = DisplayText.of(text.getBytes(StandardCharsets.UTF_8));
        if (!text.contains("errorCode")) {
            return new Line(number, shown, null, null, null);
        }
        try {
            JsonNode json = ConsoleServer.JSON.readTree(text);
            String raw = json.path("rawData").asText(null);
            DisplayText rawData = raw == null ? null : DisplayText.of(Base64.getDecoder().decode(raw));
            return new Line(number, shown, json.path("errorCode").asText(null), json.path("errorMessage").asText(null), rawData);
        } catch (IOException | IllegalArgumentException e) {
            return new Line(number, shown, null, null, null);
        }
    }

    /** The stream, gunzipped when it starts with gzip's magic bytes (Firehose's GZIP compression). */
    static InputStream gunzipped(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, 2);
        byte[] magic = pushback.readNBytes(2);
        pushback.unread(magic);
        return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b ? new GZIPInputStream(pushback) : pushback;
    }
}
