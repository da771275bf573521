package dev.streamproc.local.query;

import java.util.List;
import java.util.Map;

/**
 * One {@code CREATE EXTERNAL TABLE} of the Athena DDL: what the table is called, its columns and
 * partition columns (Athena/Hive types), where its files live, and its table properties
 * (partition projection, {@code storage.location.template}).
 */
public record AthenaTable(
        String schema,
        String name,
        List<Column> columns,
        List<Column> partitionColumns,
        String location,
        Map<String, String> tableProperties,
        Map<String, String> serdeProperties) {

    /** A column with its Athena (Hive DDL) type, e.g. {@code array<string>}. */
    public record Column(String name, String athenaType) {
    }

    /** The S3 key template of the table's files: the location template, or the plain location. */
    public String keyTemplate() {
        String template = tableProperties.getOrDefault("storage.location.template", location);
        return withoutBucket(template);
    }

    /** A projected partition's format (e.g. {@code yyyy/MM/dd/HH}), or null. */
    public String projectionFormat(String partition) {
        return tableProperties.get("projection." + partition + ".format");
    }

    /** Athena's JSON SerDes return NULLs for malformed lines instead of failing when told so. */
    public boolean ignoresMalformedJson() {
        return "true".equalsIgnoreCase(serdeProperties.get("ignore.malformed.json"));
    }

    private static String withoutBucket(String s3Url) {
        String rest = s3Url.replaceFirst("^s3a?://", "");
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(slash + 1);
    }
}
