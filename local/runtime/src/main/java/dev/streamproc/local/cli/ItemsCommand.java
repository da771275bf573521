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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code streamproc items [--user U | --topic T] [--limit N] [--format table|csv|json] [--data-dir D]}: reads
 * EventData of the running local stack (found through its state file).
 */
@Command(name = "items", description = "read EventData items of the running stack")
final class ItemsCommand implements Callable<Integer> {

    @ParentCommand
    Streamproc streamproc;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "U", description = "one author's tweets")
    String user;

    @Option(names = "--topic", paramLabel = "T", description = "one topic's tweets")
    String topic;

    @Option(names = "--limit", paramLabel = "N", converter = PositiveInt.class, description = "default: ${DEFAULT-VALUE}")
    int limit = 20;

    @Option(names = "--format", paramLabel = "table|csv|json", converter = QueryCommand.ResultFormats.class, description = "default: table")
    ResultFormat format = ResultFormat.TABLE;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        if (user != null && topic != null) {
            throw new ParameterException(spec.commandLine(), "give --user or --topic, not both");
        }
        Path data = dataDir.resolve();
        LocalState state = LocalState.read(LocalCloudConfig.stateFile(data)).orElse(null);
        if (state == null) {
            streamproc.err().println("streamproc items: no local stack is running for " + data + " (start one with ./streamproc up or demo --keep)");
            return 1;
        }
        try (DynamoDbClient dynamoDb = new SdkClients(state.endpoints()).dynamoDb()) {
            EventDataReader reader = new EventDataReader(dynamoDb, eventDataTable(state));
            List<Map<String, AttributeValue>> items = user != null ? reader.byUser(user, limit)
                    : topic != null ? reader.byTopic(topic, limit) : reader.scan(limit);
            streamproc.out().print(format.render(ItemsTable.of(items)));
            return 0;
        } catch (SdkException e) {
            streamproc.err().println("streamproc items: cannot read EventData at " + state.endpoints().dynamodb() + ": " + e.getMessage());
            return 1;
        }
    }

    /** The table's physical name as the template gives it for the running stack. */
    static String eventDataTable(LocalState state) {
        return Template.load(Path.of(state.template()), state.stackName(), Map.of()).physicalName("EventDataTable");
    }

    /** A whole number above zero. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            try {
                int n = Integer.parseInt(text);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new TypeConversionException("needs a positive number, not '" + text + "'");
        }
    }
}
