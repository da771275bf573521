package dev.streamproc.local.cloud.template;

import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.cloud.process.LoopbackPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * template.yaml as the local cloud sees it: Parameters applied ({@link ParameterValues}), Conditions evaluated
 * ({@link Conditions}), SAM {@code Globals.Function} merged, and intrinsics resolved ({@link Intrinsics}) to the
 * names and ARNs the resources have locally ({@link PhysicalNames}: account {@value LocalCloudConfig#ACCOUNT_ID},
 * region {@value LocalCloudConfig#REGION}); the functions as Lambda runs them ({@link SamFunctions}).
 * An error names the file and the place in it ({@code Resources.X.Properties.Y}).
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

    /** Resource types the local cloud creates or runs; anything else is listed by {@link #notEmulated()}. */
    static final Set<String> EMULATED = Set.of("AWS::Kinesis::Stream", "AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::SQS::Queue",
            "AWS::SSM::Parameter", "AWS::Serverless::Function", "AWS::KinesisFirehose::DeliveryStream");

    private final Sections sections;
    private final Options options;
    private final Map<String, Object> parameters;
    private final PhysicalNames names;
    private final List<Resource> resources;

    private Template(Sections sections, Options options) {
        this.sections = sections;
        this.options = options;
        this.parameters = ParameterValues.of(sections, options.parameterOverrides());
        Intrinsics intrinsics = new Intrinsics(sections, options, parameters);
        this.names = intrinsics.names();
        Conditions conditions = intrinsics.conditions();
        for (String name : sections.conditions.keySet()) {
            conditions.value(name, "Conditions");
        }
        List<Resource> resolved = new ArrayList<>();
        for (String logicalId : sections.resources.keySet()) {
            if (conditions.includes(logicalId)) {
                resolved.add(resolveResource(logicalId, intrinsics));
            }
        }
        this.resources = List.copyOf(resolved);
    }

    private Resource resolveResource(String logicalId, Intrinsics intrinsics) {
        String type = sections.typeOf(logicalId);
        Map<String, Object> properties = sections.properties(logicalId);
        if (type.equals("AWS::Serverless::Function")) {
            properties = TemplateValues.mergeGlobals(sections.functionGlobals, properties);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> resolved = (Map<String, Object>) intrinsics.resolve(properties, "Resources." + logicalId + ".Properties");
        return new Resource(logicalId, type, resolved);
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
        return new Template(new Sections(file.toAbsolutePath(), map), options);
    }

    public Path file() {
        return sections.file;
    }

    public String stackName() {
        return options.stackName();
    }

    public String region() {
        return PhysicalNames.REGION;
    }

    public String accountId() {
        return PhysicalNames.ACCOUNT;
    }

    /** Parameter values after defaults and overrides (CommaDelimitedList as a list, everything else a string). */
    public Map<String, Object> parameters() {
        return Map.copyOf(parameters);
    }

    public List<Resource> resources() {
        return resources;
    }

    public List<Resource> resourcesOfType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    public Resource resource(String logicalId) {
        return resources.stream().filter(r -> r.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new TemplateException("template " + sections.file + " has no resource " + logicalId
                        + (sections.declares(logicalId) ? " (its Condition is false)" : "")));
    }

    /** The physical name of a resource: its explicit name property, else {@code <stack>-<LogicalId>}. */
    public String physicalName(String logicalId) {
        return names.name(logicalId);
    }

    /** The ARN a resource has locally. */
    public String arn(String logicalId) {
        return names.arn(logicalId);
    }

    /** "LogicalId (Type)" for every resource the local cloud neither creates nor runs. */
    public List<String> notEmulated() {
        return resources.stream().filter(r -> !EMULATED.contains(r.type())).map(r -> r.logicalId() + " (" + r.type() + ")").toList();
    }

    public List<FunctionDef> functions() {
        return SamFunctions.of(sections.file, resourcesOfType("AWS::Serverless::Function"), names);
    }

    public FunctionDef function(String logicalIdOrName) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalIdOrName) || f.functionName().equals(logicalIdOrName))
                .findFirst().orElseThrow(() -> new TemplateException("template " + sections.file + " has no function " + logicalIdOrName));
    }

    /** A function by ARN, with or without a {@code :qualifier} (alias or version), or by plain name. */
    public FunctionDef functionForArn(String arn) {
        String name = Arns.functionName(arn);
        return functions().stream().filter(f -> f.functionName().equals(name)).findFirst()
                .orElseThrow(() -> new TemplateException("template " + sections.file + " defines no function for " + arn));
    }

    /** See {@link Arns#streamName}. */
    public String streamNameForArn(String arn) {
        return Arns.streamName(arn);
    }

    /** See {@link Arns#tableName}. */
    public String tableNameForArn(String arn) {
        return Arns.tableName(arn);
    }

    /** See {@link Arns#queueName}. */
    public String queueNameForArn(String arn) {
        return Arns.queueName(arn);
    }

    /** See {@link Arns#bucketName}. */
    public String bucketNameForArn(String arn) {
        return Arns.bucketName(arn);
    }

    /** See {@link Arns#deliveryStreamName}. */
    public String deliveryStreamNameForArn(String arn) {
        return Arns.deliveryStreamName(arn);
    }

    /** See {@link Arns#qualifierOf}. */
    public static Optional<String> qualifierOf(String functionArn) {
        return Arns.qualifierOf(functionArn);
    }

    /** All logical ids, template order, including ones whose Condition is false. */
    Set<String> declaredLogicalIds() {
        return new LinkedHashSet<>(sections.resources.keySet());
    }
}
