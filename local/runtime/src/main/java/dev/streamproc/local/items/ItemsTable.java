package dev.streamproc.local.items;

import dev.streamproc.local.query.QueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** EventData items as rows for printing: the contract's attributes in a fixed order, missing ones null. */
public final class ItemsTable {

    public static final List<String> COLUMNS = List.of("Username", "Id", "Timestamp", "Topic", "Lang", "IsRetweet",
            "RetweetCount", "FavoriteCount", "Hashtags", "Message");

    private ItemsTable() {
    }

    public static QueryResult of(List<Map<String, AttributeValue>> items) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            List<Object> row = new ArrayList<>();
            for (String column : COLUMNS) {
                row.add(plain(item.get(column)));
            }
            rows.add(row);
        }
        return new QueryResult(COLUMNS, COLUMNS.stream().map(c -> "").toList(), rows);
    }

    private static Object plain(AttributeValue value) {
        if (value == null || Boolean.TRUE.equals(value.nul())) {
            return null;
        }
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return Long.parseLong(value.n());
        }
        if (value.bool() != null) {
            return value.bool();
        }
        if (value.hasL()) {
            return value.l().stream().map(ItemsTable::plain).toList();
        }
        if (value.hasSs()) {
            return value.ss();
        }
        return value.toString();
    }
}
