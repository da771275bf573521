package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.cloud.SdkClients;
import dev.streamproc.local.cloud.process.LocalState;
import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.items.EventDataReader;
import dev.streamproc.local.items.ItemsTable;
import dev.streamproc.local.query.ResultFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code streamproc items [--user U | --topic T] [--limit N] [--format table|csv|json] [--data-dir D]}: reads
 * EventData of the running local stack (found through its state file).
 */
public final class ItemsCommand {

    static final String USAGE = "usage: streamproc items [--user U | --topic T] [--limit N] [--format table|csv|json] [--data-dir DIR]";

    private ItemsCommand() {
    }

    public static int run(List<String> args) {
        String user = null;
        String topic = null;
        int limit = 20;
        ResultFormat format = ResultFormat.TABLE;
        Path dataDir = null;
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--user" -> user = value(args, ++i, arg);
                    case "--topic" -> topic = value(args, ++i, arg);
                    case "--limit" -> limit = positive(value(args, ++i, arg));
                    case "--format" -> format = ResultFormat.parse(value(args, ++i, arg));
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                }
            }
            if (user != null && topic != null) {
                throw new IllegalArgumentException("give --user or --topic, not both");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("streamproc items: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        Path data = dataDir != null ? dataDir : LocalCloudConfig.defaultDataDir();
        LocalState state = LocalState.read(LocalCloudConfig.stateFile(data)).orElse(null);
        if (state == null) {
            System.err.println("streamproc items: no local stack is running for " + data + " (start one with ./streamproc up or demo --keep)");
            return 1;
        }
        try (DynamoDbClient dynamoDb = new SdkClients(state.endpoints()).dynamoDb()) {
            EventDataReader reader = new EventDataReader(dynamoDb, eventDataTable(state));
            List<Map<String, AttributeValue>> items = user != null ? reader.byUser(user, limit)
                    : topic != null ? reader.byTopic(topic, limit) : reader.scan(limit);
            System.out.print(format.render(ItemsTable.of(items)));
            return 0;
        } catch (SdkException e) {
            System.err.println("streamproc items: cannot read EventData at " + state.endpoints().dynamodb() + ": " + e.getMessage());
            return 1;
        }
    }

    /** The table's physical name as the template gives it for the running stack. */
    static String eventDataTable(LocalState state) {
        return Template.load(Path.of(state.template()), state.stackName(), Map.of()).physicalName("EventDataTable");
    }

    private static int positive(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--limit needs a positive number, not '" + text + "'");
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

}
