package dev.streamproc.local.cloud.template;

import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.cloud.process.LoopbackPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * template.yaml as the local cloud sees it: Parameters applied, Conditions evaluated, SAM {@code Globals.Function}
 * merged, and intrinsics ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::If}, ...)
 * resolved to the names and ARNs the resources have locally (account {@value LocalCloudConfig#ACCOUNT_ID},
 * region {@value LocalCloudConfig#REGION}).
 */
public final class Template {

    /** A resource with its properties fully resolved. */
    public record Resource(String logicalId, String type, Map<String, Object> properties) {

        /** Physical name: a string property, or null. */
        public String string(String property) {
            Object value = properties.get(property);
            return value == null ? null : String.valueOf(value);
        }
    }

    /** An {@code AWS::Serverless::Function}, Globals merged. */
    public record FunctionDef(String logicalId, String functionName, String arn, Path codeUri, String handler, String runtime,
                              int memoryMb, int timeoutSeconds, Map<String, String> environment, List<EventDef> events) {
    }

    /** One entry of a function's {@code Events}, properties resolved. */
    public record EventDef(String name, String type, Map<String, Object> properties) {
    }

    /** Options that are not in the file. */
    public record Options(String stackName, Map<String, String> parameterOverrides, String sqsEndpoint) {

        public static Options defaults() {
            return new Options(LocalCloudConfig.DEFAULT_STACK_NAME, Map.of(), "http://" + LoopbackPorts.LOOPBACK + ":" + LocalCloudConfig.DEFAULT_SQS_PORT);
        }

        public Options withStackName(String name) {
            return new Options(name, parameterOverrides, sqsEndpoint);
        }

        public Options withOverrides(Map<String, String> overrides) {
            return new Options(stackName, Map.copyOf(overrides), sqsEndpoint);
        }

        public Options withSqsEndpoint(String endpoint) {
            return new Options(stackName, parameterOverrides, endpoint);
        }
    }

    static final String REGION = LocalCloudConfig.REGION;
    static final String ACCOUNT = LocalCloudConfig.ACCOUNT_ID;

    /** Resource types the local cloud creates or runs; anything else is listed by {@link #notEmulated()}. */
    static final Set<String> EMULATED = Set.of("AWS::Kinesis::Stream", "AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::SQS::Queue",
            "AWS::SSM::Parameter", "AWS::Serverless::Function", "AWS::KinesisFirehose::DeliveryStream");

    /** Which property names a type's physical name, where the template may set it. */
    private static final Map<String, String> NAME_PROPERTY = Map.ofEntries(
            Map.entry("AWS::Kinesis::Stream", "Name"),
            Map.entry("AWS::DynamoDB::Table", "TableName"),
            Map.entry("AWS::S3::Bucket", "BucketName"),
            Map.entry("AWS::SQS::Queue", "QueueName"),
            Map.entry("AWS::SSM::Parameter", "Name"),
            Map.entry("AWS::Serverless::Function", "FunctionName"),
            Map.entry("AWS::Lambda::Function", "FunctionName"),
            Map.entry("AWS::KinesisFirehose::DeliveryStream", "DeliveryStreamName"),
            Map.entry("AWS::IAM::Role", "RoleName"),
            Map.entry("AWS::IAM::ManagedPolicy", "ManagedPolicyName"),
            Map.entry("AWS::Logs::LogGroup", "LogGroupName"),
            Map.entry("AWS::Glue::Database", "DatabaseInput.Name"),
            Map.entry("AWS::Glue::Table", "TableInput.Name"),
            Map.entry("AWS::Athena::WorkGroup", "Name"));

    private static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Path file;
    private final Options options;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Object> mappings;
    private final Map<String, Object> conditionDefs;
    private final Map<String, Boolean> conditions = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> rawResources = new LinkedHashMap<>();
    private final Map<String, String> physicalNames = new LinkedHashMap<>();
    private final Set<String> resolvingNames = new HashSet<>();
    private final Map<String, Object> functionGlobals;
    private final List<Resource> resources = new ArrayList<>();
    private final List<String> notEmulated = new ArrayList<>();
    private String where = "";

    private Template(Path file, Map<String, Object> root, Options options) {
        this.file = file;
        this.options = options;
        this.mappings = asMap(root.getOrDefault("Mappings", Map.of()), "Mappings");
        this.conditionDefs = asMap(root.getOrDefault("Conditions", Map.of()), "Conditions");
        Map<String, Object> globals = asMap(root.getOrDefault("Globals", Map.of()), "Globals");
        this.functionGlobals = asMap(globals.getOrDefault("Function", Map.of()), "Globals.Function");
        applyParameters(asMap(root.getOrDefault("Parameters", Map.of()), "Parameters"));
        Map<String, Object> declared = asMap(root.get("Resources"), "Resources");
        if (declared.isEmpty()) {
            throw error("has no Resources");
        }
        for (Map.Entry<String, Object> entry : declared.entrySet()) {
            Map<String, Object> resource = asMap(entry.getValue(), "Resources." + entry.getKey());
            if (!(resource.get("Type") instanceof String)) {
                throw error("resource " + entry.getKey() + " has no Type");
            }
            rawResources.put(entry.getKey(), resource);
        }
        for (String name : conditionDefs.keySet()) {
            condition(name);
        }
        for (Map.Entry<String, Map<String, Object>> entry : rawResources.entrySet()) {
            if (!included(entry.getKey())) {
                continue;
            }
            String logicalId = entry.getKey();
            String type = (String) entry.getValue().get("Type");
            where = "Resources." + logicalId;
            Map<String, Object> properties = asMap(entry.getValue().getOrDefault("Properties", Map.of()), where + ".Properties");
            if (type.equals("AWS::Serverless::Function")) {
                properties = merge(functionGlobals, properties);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> resolved = (Map<String, Object>) resolve(properties);
            resources.add(new Resource(logicalId, type, resolved));
            if (!EMULATED.contains(type)) {
                notEmulated.add(logicalId + " (" + type + ")");
            }
        }
        where = "";
    }

    /** Reads {@code file} with the default stack name and no overrides. */
    public static Template load(Path file) {
        return load(file, Options.defaults());
    }

    public static Template load(Path file, String stackName, Map<String, String> parameterOverrides) {
        return load(file, Options.defaults().withStackName(stackName).withOverrides(parameterOverrides));
    }

    public static Template load(Path file, Options options) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TemplateException("cannot read template " + file + ": " + e.getMessage() + " (pass --template FILE)", e);
        }
        return parse(file, text, options);
    }

    /** Parses template text; {@code file} is used for messages and to resolve relative CodeUri paths. */
    public static Template parse(Path file, String text, Options options) {
        Object root;
        try {
            root = CfnYaml.parse(text);
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            org.yaml.snakeyaml.error.Mark mark = e.getProblemMark();
            throw new TemplateException("template " + file + " is not valid YAML" + (mark == null ? "" : " at line " + (mark.getLine() + 1)
                    + ", column " + (mark.getColumn() + 1)) + ": " + e.getProblem(), e);
        } catch (RuntimeException e) {
            throw new TemplateException("template " + file + " is not valid YAML: " + String.valueOf(e.getMessage()).replace('\n', ' '), e);
        }
        if (!(root instanceof Map)) {
            throw new TemplateException("template " + file + " is not a YAML mapping of sections (Parameters, Resources, ...)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) root;
        List<String> problems = TemplateChecks.problems(map);
        if (!problems.isEmpty()) {
            throw new TemplateException(String.join("\n", problems));
        }
        return new Template(file.toAbsolutePath(), map, options);
    }

    public Path file() {
        return file;
    }

    public String stackName() {
        return options.stackName();
    }

    public String region() {
        return REGION;
    }

    public String accountId() {
        return ACCOUNT;
    }

    /** Parameter values after defaults and overrides (CommaDelimitedList as a list, everything else a string). */
    public Map<String, Object> parameters() {
        return Map.copyOf(parameters);
    }

    public List<Resource> resources() {
        return List.copyOf(resources);
    }

    public List<Resource> resourcesOfType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    public Resource resource(String logicalId) {
        return resources.stream().filter(r -> r.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new TemplateException("template " + file + " has no resource " + logicalId
                        + (rawResources.containsKey(logicalId) ? " (its Condition is false)" : "")));
    }

    /** The physical name of a resource: its explicit name property, else {@code <stack>-<LogicalId>}. */
    public String physicalName(String logicalId) {
        return name(logicalId);
    }

    /** The ARN a resource has locally. */
    public String arn(String logicalId) {
        return arnOf(logicalId);
    }

    /** "LogicalId (Type)" for every resource the local cloud neither creates nor runs. */
    public List<String> notEmulated() {
        return List.copyOf(notEmulated);
    }

    public List<FunctionDef> functions() {
        List<FunctionDef> functions = new ArrayList<>();
        for (Resource r : resourcesOfType("AWS::Serverless::Function")) {
            Map<String, Object> p = r.properties();
            Object codeUri = p.get("CodeUri");
            Path code = codeUri instanceof String s ? file.getParent().resolve(s).normalize() : null;
            Map<String, String> environment = new LinkedHashMap<>();
            if (p.get("Environment") instanceof Map<?, ?> env && env.get("Variables") instanceof Map<?, ?> vars) {
                // An unresolvable value (e.g. Fn::ImportValue) stays visible as its data rather than failing the whole function.
                vars.forEach((k, v) -> environment.put(String.valueOf(k), v instanceof Map || v instanceof List ? String.valueOf(v) : scalarText(v)));
            }
            List<EventDef> events = new ArrayList<>();
            if (p.get("Events") instanceof Map<?, ?> declared) {
                for (Map.Entry<?, ?> e : declared.entrySet()) {
                    Map<?, ?> event = e.getValue() instanceof Map<?, ?> m ? m : Map.of();
                    @SuppressWarnings("unchecked")
                    Map<String, Object> props = event.get("Properties") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                    events.add(new EventDef(String.valueOf(e.getKey()), String.valueOf(event.get("Type")), props));
                }
            }
            functions.add(new FunctionDef(r.logicalId(), name(r.logicalId()), arnOf(r.logicalId()), code,
                    (String) p.get("Handler"), (String) p.get("Runtime"), intProperty(p, "MemorySize", 128, r.logicalId()),
                    intProperty(p, "Timeout", 3, r.logicalId()), Map.copyOf(environment), List.copyOf(events)));
        }
        return List.copyOf(functions);
    }

    public FunctionDef function(String logicalIdOrName) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalIdOrName) || f.functionName().equals(logicalIdOrName))
                .findFirst().orElseThrow(() -> new TemplateException("template " + file + " has no function " + logicalIdOrName));
    }

    /** {@code arn:aws:kinesis:<region>:<account>:stream/<name>} → name. */
    public String streamNameForArn(String arn) {
        return arnResource(arn, "kinesis", "stream/");
    }

    /** {@code arn:aws:dynamodb:...:table/<name>[/stream/<label>]} → table name. */
    public String tableNameForArn(String arn) {
        String rest = arnResource(arn, "dynamodb", "table/");
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** {@code arn:aws:sqs:<region>:<account>:<name>} → name. */
    public String queueNameForArn(String arn) {
        return arnResource(arn, "sqs", "");
    }

    /** {@code arn:aws:s3:::<bucket>} → bucket. */
    public String bucketNameForArn(String arn) {
        return arnResource(arn, "s3", "");
    }

    /** {@code arn:aws:firehose:...:deliverystream/<name>} → name. */
    public String deliveryStreamNameForArn(String arn) {
        return arnResource(arn, "firehose", "deliverystream/");
    }

    /** A function by ARN, with or without a {@code :qualifier} (alias or version), or by plain name. */
    public FunctionDef functionForArn(String arn) {
        String name = arn;
        if (arn.startsWith("arn:")) {
            String[] parts = arn.split(":");
            if (parts.length < 7 || !parts[2].equals("lambda") || !parts[5].equals("function")) {
                throw new TemplateException("not a Lambda function ARN: " + arn);
            }
            name = parts[6];
        }
        String wanted = name;
        return functions().stream().filter(f -> f.functionName().equals(wanted)).findFirst()
                .orElseThrow(() -> new TemplateException("template " + file + " defines no function for " + arn));
    }

    /** The qualifier of a function ARN ({@code ...:function:name:live} → live), if any. */
    public static Optional<String> qualifierOf(String functionArn) {
        String[] parts = functionArn.split(":");
        return parts.length >= 8 ? Optional.of(parts[7]) : Optional.empty();
    }

    // ---------------------------------------------------------------- parameters and conditions

    private void applyParameters(Map<String, Object> declared) {
        for (String name : options.parameterOverrides().keySet()) {
            if (!declared.containsKey(name)) {
                throw new TemplateException("unknown parameter '" + name + "': template " + file + " declares "
                        + (declared.isEmpty() ? "no parameters" : String.join(", ", declared.keySet())));
            }
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> entry : declared.entrySet()) {
            String name = entry.getKey();
            Map<String, Object> spec = asMap(entry.getValue(), "Parameters." + name);
            Object value = options.parameterOverrides().containsKey(name) ? options.parameterOverrides().get(name) : spec.get("Default");
            if (value == null) {
                throw new TemplateException("parameter '" + name + "' of " + file + " has no Default: give it a value (--parameter "
                        + name + "=VALUE)");
            }
            String text = scalarText(value);
            problems.addAll(ParameterConstraints.check(name, spec, text));
            String type = String.valueOf(spec.getOrDefault("Type", "String"));
            parameters.put(name, type.startsWith("CommaDelimitedList") || type.startsWith("List<")
                    ? List.of(text.split("\\s*,\\s*")) : text);
        }
        if (!problems.isEmpty()) {
            throw new TemplateException(String.join("\n", problems)); // every bad value at once, one line each
        }
    }

    private boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        if (!conditionDefs.containsKey(name)) {
            throw error("refers to undefined condition " + name);
        }
        conditions.put(name, Boolean.FALSE); // guards against cycles
        Object value = resolve(conditionDefs.get(name));
        if (!(value instanceof Boolean b)) {
            throw error("condition " + name + " does not evaluate to true/false");
        }
        conditions.put(name, b);
        return b;
    }

    private boolean included(String logicalId) {
        Object condition = rawResources.get(logicalId).get("Condition");
        return condition == null || condition(String.valueOf(condition));
    }

    // ---------------------------------------------------------------- intrinsic functions

    private Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                Object argument = map.values().iterator().next();
                if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition") && !(argument instanceof Map)) {
                    return intrinsic(key, argument);
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object v = resolve(entry.getValue());
                if (v != NO_VALUE) {
                    resolved.put(String.valueOf(entry.getKey()), v);
                }
            }
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object v = resolve(item);
                if (v != NO_VALUE) {
                    resolved.add(v);
                }
            }
            return resolved;
        }
        return value;
    }

    private Object intrinsic(String function, Object argument) {
        switch (function) {
            case "Ref":
                return ref(String.valueOf(resolve(argument)));
            case "Condition":
                return condition(String.valueOf(argument));
            case "Fn::GetAtt": {
                Object resolved = resolve(argument);
                List<?> parts = resolved instanceof List<?> l ? l : List.of(String.valueOf(resolved).split("\\.", 2));
                if (parts.size() != 2) {
                    throw error("Fn::GetAtt needs [LogicalId, Attribute], got " + argument);
                }
                return getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
            }
            case "Fn::Sub":
                return sub(argument);
            case "Fn::Join": {
                List<?> args = list(resolve(argument), "Fn::Join", 2);
                List<?> items = list(args.get(1), "Fn::Join values", -1);
                List<String> texts = new ArrayList<>();
                items.forEach(i -> texts.add(scalarText(i)));
                return String.join(scalarText(args.get(0)), texts);
            }
            case "Fn::If": {
                List<?> args = list(argument, "Fn::If", 3);
                return condition(String.valueOf(args.get(0))) ? resolve(args.get(1)) : resolve(args.get(2));
            }
            case "Fn::Equals": {
                List<?> args = list(resolve(argument), "Fn::Equals", 2);
                return scalarText(args.get(0)).equals(scalarText(args.get(1)));
            }
            case "Fn::Not":
                return !bool(list(resolve(argument), "Fn::Not", 1).get(0), "Fn::Not");
            case "Fn::And":
                return list(resolve(argument), "Fn::And", -1).stream().allMatch(v -> bool(v, "Fn::And"));
            case "Fn::Or":
                return list(resolve(argument), "Fn::Or", -1).stream().anyMatch(v -> bool(v, "Fn::Or"));
            case "Fn::Select": {
                List<?> args = list(resolve(argument), "Fn::Select", 2);
                List<?> from = list(args.get(1), "Fn::Select list", -1);
                int index = Integer.parseInt(scalarText(args.get(0)));
                if (index < 0 || index >= from.size()) {
                    throw error("Fn::Select index " + index + " is outside a list of " + from.size());
                }
                return from.get(index);
            }
            case "Fn::Split": {
                List<?> args = list(resolve(argument), "Fn::Split", 2);
                return List.of(scalarText(args.get(1)).split(Pattern.quote(scalarText(args.get(0))), -1));
            }
            case "Fn::GetAZs":
                return List.of(REGION + "a", REGION + "b", REGION + "c");
            case "Fn::FindInMap": {
                List<?> args = list(resolve(argument), "Fn::FindInMap", 3);
                Object top = mappings.get(scalarText(args.get(0)));
                Object second = top instanceof Map<?, ?> m ? m.get(scalarText(args.get(1))) : null;
                Object found = second instanceof Map<?, ?> m ? m.get(scalarText(args.get(2))) : null;
                if (found == null) {
                    throw error("Fn::FindInMap found nothing for " + args);
                }
                return resolve(found);
            }
            case "Fn::Base64":
                return Base64.getEncoder().encodeToString(scalarText(resolve(argument)).getBytes(StandardCharsets.UTF_8));
            default:
                // Fn::ImportValue, Fn::Cidr, Fn::Transform...: nothing local can answer them, keep them as data.
                Map<String, Object> kept = new LinkedHashMap<>();
                kept.put(function, resolve(argument));
                return kept;
        }
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::StackName":
                return options.stackName();
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::StackId":
                return "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/" + options.stackName() + "/local";
            case "AWS::NotificationARNs":
                return List.of();
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0 && isFunction(name.substring(0, dot))) {
            String function = name.substring(0, dot);
            String suffix = name.substring(dot + 1);
            if (suffix.equals("Alias")) {
                return arnOf(function) + ":" + alias(function);
            }
            if (suffix.equals("Version")) {
                return arnOf(function) + ":1";
            }
        }
        requireResource(name, "Ref");
        String type = typeOf(name);
        if (type.equals("AWS::SQS::Queue")) {
            return options.sqsEndpoint() + "/" + ACCOUNT + "/" + name(name);
        }
        return name(name);
    }

    private Object getAtt(String logicalId, String attribute) {
        if (isFunction(logicalId.replaceFirst("\\.(Alias|Version)$", "")) && logicalId.contains(".")) {
            return ref(logicalId);
        }
        requireResource(logicalId, "Fn::GetAtt");
        String type = typeOf(logicalId);
        String name = name(logicalId);
        return switch (type + "." + attribute) {
            case "AWS::SQS::Queue.QueueName", "AWS::Kinesis::Stream.Name" -> name;
            case "AWS::SQS::Queue.QueueUrl" -> ref(logicalId);
            case "AWS::DynamoDB::Table.StreamArn" -> arnOf(logicalId) + "/stream/" + LocalCloudConfig.DYNAMODB_STREAM_LABEL;
            case "AWS::S3::Bucket.DomainName" -> name + ".s3.amazonaws.com";
            case "AWS::S3::Bucket.RegionalDomainName" -> name + ".s3." + REGION + ".amazonaws.com";
            case "AWS::IAM::Role.RoleId" -> "AROA" + Integer.toHexString(name.hashCode()).toUpperCase(Locale.ROOT);
            default -> {
                if (attribute.equals("Arn")) {
                    yield arnOf(logicalId);
                }
                // An attribute nothing local reads: a stable, recognisable placeholder.
                yield name + "." + attribute;
            }
        };
    }

    private Object sub(Object argument) {
        String text;
        Map<String, Object> variables = new LinkedHashMap<>();
        if (argument instanceof List<?> list) {
            List<?> args = list(list, "Fn::Sub", 2);
            text = scalarText(args.get(0));
            Object vars = resolve(args.get(1));
            if (!(vars instanceof Map<?, ?> m)) {
                throw error("Fn::Sub variables must be a mapping");
            }
            m.forEach((k, v) -> variables.put(String.valueOf(k), v));
        } else {
            text = scalarText(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String expression = matcher.group(1);
            String replacement;
            if (expression.startsWith("!")) {
                replacement = "${" + expression.substring(1) + "}";
            } else if (variables.containsKey(expression)) {
                replacement = scalarText(variables.get(expression));
            } else if (expression.contains(".") && !expression.startsWith("AWS::") && !parameters.containsKey(expression)) {
                int dot = expression.indexOf('.');
                replacement = scalarText(getAtt(expression.substring(0, dot), expression.substring(dot + 1)));
            } else {
                replacement = scalarText(ref(expression));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    // ---------------------------------------------------------------- names and ARNs

    private String name(String logicalId) {
        String known = physicalNames.get(logicalId);
        if (known != null) {
            return known;
        }
        if (!resolvingNames.add(logicalId)) {
            throw error("the name of " + logicalId + " depends on itself");
        }
        try {
            String type = typeOf(logicalId);
            String property = NAME_PROPERTY.get(type);
            Object explicit = property == null ? null : nested(rawResources.get(logicalId).get("Properties"), property);
            String name;
            if (explicit != null) {
                name = scalarText(resolve(explicit));
            } else if (type.equals("AWS::S3::Bucket")) {
                name = (options.stackName() + "-" + logicalId).toLowerCase(Locale.ROOT);
            } else {
                name = options.stackName() + "-" + logicalId;
            }
            physicalNames.put(logicalId, name);
            return name;
        } finally {
            resolvingNames.remove(logicalId);
        }
    }

    private String arnOf(String logicalId) {
        String name = name(logicalId);
        String prefix = ":" + REGION + ":" + ACCOUNT + ":";
        return switch (typeOf(logicalId)) {
            case "AWS::Kinesis::Stream" -> "arn:aws:kinesis" + prefix + "stream/" + name;
            case "AWS::DynamoDB::Table" -> "arn:aws:dynamodb" + prefix + "table/" + name;
            case "AWS::S3::Bucket" -> "arn:aws:s3:::" + name;
            case "AWS::SQS::Queue" -> "arn:aws:sqs" + prefix + name;
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> "arn:aws:lambda" + prefix + "function:" + name;
            case "AWS::KinesisFirehose::DeliveryStream" -> "arn:aws:firehose" + prefix + "deliverystream/" + name;
            case "AWS::IAM::Role" -> "arn:aws:iam::" + ACCOUNT + ":role/" + name;
            case "AWS::IAM::ManagedPolicy" -> "arn:aws:iam::" + ACCOUNT + ":policy/" + name;
            case "AWS::Logs::LogGroup" -> "arn:aws:logs" + prefix + "log-group:" + name + ":*";
            case "AWS::SSM::Parameter" -> "arn:aws:ssm" + prefix + "parameter" + (name.startsWith("/") ? "" : "/") + name;
            case "AWS::KMS::Key" -> "arn:aws:kms" + prefix + "key/" + name;
            case "AWS::Glue::Database" -> "arn:aws:glue" + prefix + "database/" + name;
            case "AWS::Athena::WorkGroup" -> "arn:aws:athena" + prefix + "workgroup/" + name;
            default -> {
                String[] parts = typeOf(logicalId).split("::");
                yield "arn:aws:" + parts[1].toLowerCase(Locale.ROOT) + prefix + parts[parts.length - 1].toLowerCase(Locale.ROOT) + "/" + name;
            }
        };
    }

    private String alias(String functionId) {
        Object properties = rawResources.get(functionId).get("Properties");
        Object alias = nested(properties, "AutoPublishAlias");
        if (alias == null) {
            alias = functionGlobals.get("AutoPublishAlias");
        }
        if (alias == null) {
            throw error("!Ref " + functionId + ".Alias needs AutoPublishAlias on " + functionId);
        }
        return scalarText(resolve(alias));
    }

    private boolean isFunction(String logicalId) {
        Map<String, Object> r = rawResources.get(logicalId);
        return r != null && "AWS::Serverless::Function".equals(r.get("Type"));
    }

    private String typeOf(String logicalId) {
        return (String) rawResources.get(logicalId).get("Type");
    }

    private void requireResource(String logicalId, String function) {
        if (!rawResources.containsKey(logicalId)) {
            throw error(function + " to unknown parameter or resource '" + logicalId + "'");
        }
    }

    private String arnResource(String arn, String service, String resourcePrefix) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || !parts[2].equals(service) || !parts[5].startsWith(resourcePrefix)) {
            throw new TemplateException("not " + (service.equals("s3") ? "an S3" : "a " + service) + " ARN"
                    + (resourcePrefix.isEmpty() ? "" : " of '" + resourcePrefix + "<name>'") + ": " + arn);
        }
        return parts[5].substring(resourcePrefix.length());
    }

    // ---------------------------------------------------------------- helpers

    /** SAM Globals semantics: maps merge key by key (recursively), anything else in the function wins. */
    static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        for (Map.Entry<String, Object> entry : own.entrySet()) {
            Object base = merged.get(entry.getKey());
            if (base instanceof Map<?, ?> b && entry.getValue() instanceof Map<?, ?> o && !isIntrinsic(o)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = merge((Map<String, Object>) b, (Map<String, Object>) o);
                merged.put(entry.getKey(), nested);
            } else {
                merged.put(entry.getKey(), entry.getValue());
            }
        }
        return merged;
    }

    private static boolean isIntrinsic(Map<?, ?> map) {
        if (map.size() != 1) {
            return false;
        }
        String key = String.valueOf(map.keySet().iterator().next());
        return key.equals("Ref") || key.startsWith("Fn::");
    }

    private static Object nested(Object properties, String dottedPath) {
        Object current = properties;
        for (String part : dottedPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private int intProperty(Map<String, Object> properties, String name, int fallback, String logicalId) {
        Object value = properties.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return (int) Double.parseDouble(scalarText(value));
        } catch (NumberFormatException e) {
            throw new TemplateException("template " + file + ": Resources." + logicalId + "." + name + " is not a number: " + value);
        }
    }

    static String scalarText(Object value) {
        if (value instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            throw new TemplateException("expected a single value, got " + value);
        }
        return String.valueOf(value);
    }

    private boolean bool(Object value, String function) {
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equalsIgnoreCase(String.valueOf(value)) || "false".equalsIgnoreCase(String.valueOf(value))) {
            return Boolean.parseBoolean(String.valueOf(value));
        }
        throw error(function + " needs conditions, got " + value);
    }

    private List<?> list(Object value, String what, int size) {
        if (!(value instanceof List<?> list) || size >= 0 && list.size() != size) {
            throw error(what + " needs a list" + (size >= 0 ? " of " + size : "") + ", got " + value);
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(Object value, String what) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw error(what + " must be a mapping");
        }
        return (Map<String, Object>) value;
    }

    private TemplateException error(String problem) {
        return new TemplateException("template " + file + (where.isEmpty() ? "" : " at " + where) + ": " + problem);
    }

    /** All logical ids, template order, including ones whose Condition is false. */
    Set<String> declaredLogicalIds() {
        return new LinkedHashSet<>(rawResources.keySet());
    }
}
