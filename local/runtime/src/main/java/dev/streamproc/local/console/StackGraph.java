package dev.streamproc.local.console;

import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.esm.EsmSettings;
import dev.streamproc.local.firehose.FirehoseDelivery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overview's diagram, drawn from the template: streams, tables, queues, buckets, delivery streams and functions
 * as nodes; event source mappings, Firehose reads and writes, schedules, on-failure destinations and the resources a
 * function names in its environment as edges; each with its live figures from {@link LiveFigures}.
 */
public final class StackGraph {

    /** A figure: its name, its value (null = no sample yet) and its unit. */
    public record Figure(String name, Double value, String unit) {
    }

    /** @param link the console page of the node (a hash route), or null */
    public record Node(String id, String kind, String label, String name, List<Figure> figures, String link) {
    }

    public record Edge(String from, String to, String label, List<Figure> figures) {
    }

    public record Graph(String stack, List<Node> nodes, List<Edge> edges, List<String> notEmulated, long at) {
    }

    private final ConsoleSources sources;
    private final LiveFigures figures;

    public StackGraph(ConsoleSources sources, LiveFigures figures) {
        this.sources = sources;
        this.figures = figures;
    }

    public Graph graph() {
        Template t = sources.template();
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        Map<String, String> byName = new LinkedHashMap<>();
        Map<String, String> byArn = new LinkedHashMap<>();
        for (var r : t.resourcesOfType("AWS::Kinesis::Stream")) {
            String name = t.physicalName(r.logicalId());
            double read = 0;
            boolean sampled = false;
            String arn = t.arn(r.logicalId());
            for (int i = 0; i < sources.mappings().size(); i++) {
                if (sources.mappings().get(i).settings().streamArn().equals(arn)) {
                    Double v = figures.latest("mapping." + i + ".recordsRead");
                    sampled |= v != null;
                    read = Math.max(read, v == null ? 0 : v);
                }
            }
            for (FirehoseDelivery d : sources.deliveries()) {
                if (d.settings().sourceStreamArn().equals(arn)) {
                    Double v = figures.latest("firehose." + d.settings().name() + ".recordsIn");
                    sampled |= v != null;
                    read = Math.max(read, v == null ? 0 : v);
                }
            }
            add(nodes, byName, byArn, arn, new Node(r.logicalId(), "stream", r.logicalId(), name,
                    List.of(new Figure("records read", sampled ? read : null, "/s")), "#/streams/" + name));
        }
        for (var r : t.resourcesOfType("AWS::DynamoDB::Table")) {
            String name = t.physicalName(r.logicalId());
            add(nodes, byName, byArn, t.arn(r.logicalId()), new Node(r.logicalId(), "table", r.logicalId(), name,
                    List.of(new Figure("items", figures.latest("table." + name + ".items"), "")), "#/tables/" + name));
        }
        for (var r : t.resourcesOfType("AWS::SQS::Queue")) {
            String name = t.physicalName(r.logicalId());
            add(nodes, byName, byArn, t.arn(r.logicalId()), new Node(r.logicalId(), "queue", r.logicalId(), name,
                    List.of(new Figure("messages", figures.latest("queue." + name + ".depth"), "")), "#/failures"));
        }
        for (var r : t.resourcesOfType("AWS::S3::Bucket")) {
            String name = t.physicalName(r.logicalId());
            double objects = sources.deliveries().stream().filter(d -> d.settings().bucket().equals(name))
                    .mapToDouble(d -> orZero(figures.latest("firehose." + d.settings().name() + ".objects"))).sum();
            add(nodes, byName, byArn, t.arn(r.logicalId()), new Node(r.logicalId(), "bucket", r.logicalId(), name,
                    List.of(new Figure("objects written", objects, "")), "#/archive?bucket=" + name));
        }
        for (Template.FunctionDef f : t.functions()) {
            String id = f.logicalId();
            add(nodes, byName, byArn, f.arn(), new Node(id, "function", id, f.functionName(), List.of(
                    new Figure("invocations", figures.latest("function." + id + ".invocations"), "/s"),
                    new Figure("errors", figures.latest("function." + id + ".errors"), ""),
                    new Figure("p99", figures.latest("function." + id + ".p99"), "ms"),
                    new Figure("cold starts", figures.latest("function." + id + ".coldStarts"), "")), "#/functions/" + id));
            for (Template.EventDef e : f.events()) {
                if (e.type().equals("Schedule") || e.type().equals("ScheduleV2")) {
                    String scheduleId = id + "." + e.name();
                    nodes.put(scheduleId, new Node(scheduleId, "schedule", e.name(), String.valueOf(e.properties().get("Schedule")
                            != null ? e.properties().get("Schedule") : e.properties().get("ScheduleExpression")), List.of(), null));
                    edges.add(new Edge(scheduleId, id, "schedule", List.of()));
                }
            }
            // what the function's code writes to, as its environment names it (TABLE_NAME, STREAM_NAME, ...)
            for (String value : f.environment().values()) {
                String target = byName.containsKey(value) ? byName.get(value) : byArn.get(value);
                if (target != null && !target.equals(id)) {
                    edges.add(new Edge(id, target, "writes", List.of()));
                }
            }
        }
        for (int i = 0; i < sources.mappings().size(); i++) {
            EsmSettings s = sources.mappings().get(i).settings();
            String source = byArn.get(s.streamArn());
            if (source == null && s.streamArn().contains("/stream/")) {
                source = byArn.get(s.streamArn().substring(0, s.streamArn().indexOf("/stream/")));
            }
            String function = functionNode(t, s.functionId());
            if (source != null && function != null) {
                edges.add(new Edge(source, function, "event source mapping", List.of(
                        new Figure("records", figures.latest("mapping." + i + ".recordsDelivered"), "/s"),
                        new Figure("iterator age", figures.latest("mapping." + i + ".iteratorAgeMs"), "ms"),
                        new Figure("retries", figures.latest("mapping." + i + ".retries"), ""))));
            }
            String queue = s.onFailureDestination() == null ? null : byArn.get(s.onFailureDestination());
            if (queue != null && function != null) {
                edges.add(new Edge(function, queue, "on failure", List.of(
                        new Figure("records", figures.latest("mapping." + i + ".onFailure"), ""))));
            }
        }
        for (FirehoseDelivery d : sources.deliveries()) {
            var s = d.settings();
            String id = "firehose:" + s.name();
            String key = "firehose." + s.name();
            nodes.put(id, new Node(id, "firehose", s.name(), s.name(), List.of(
                    new Figure("buffered", figures.latest(key + ".buffered"), ""),
                    new Figure("delivered", figures.latest(key + ".deliveredTotal"), ""),
                    new Figure("failed", figures.latest(key + ".failed"), ""),
                    new Figure("dropped", figures.latest(key + ".dropped"), "")), "#/archive?bucket=" + s.bucket()));
            String stream = byArn.get(s.sourceStreamArn());
            if (stream != null) {
                edges.add(new Edge(stream, id, "reads", List.of(new Figure("records", figures.latest(key + ".recordsIn"), "/s"))));
            }
            if (s.lambdaArn() != null) {
                String processor = functionNode(t, s.lambdaArn());
                if (processor != null) {
                    edges.add(new Edge(id, processor, "transforms", List.of()));
                }
            }
            String bucket = byName.get(s.bucket());
            if (bucket != null) {
                edges.add(new Edge(id, bucket, "delivers", List.of(new Figure("records", figures.latest(key + ".delivered"), "/s"))));
            }
        }
        return new Graph(t.stackName(), List.copyOf(nodes.values()), edges, t.notEmulated(), System.currentTimeMillis());
    }

    private static String functionNode(Template t, String functionIdOrArn) {
        try {
            return functionIdOrArn.startsWith("arn:") ? t.functionForArn(functionIdOrArn).logicalId() : t.function(functionIdOrArn).logicalId();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void add(Map<String, Node> nodes, Map<String, String> byName, Map<String, String> byArn, String arn, Node node) {
        nodes.put(node.id(), node);
        byName.put(node.name(), node.id());
        if (arn != null) {
            byArn.put(arn, node.id());
        }
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
