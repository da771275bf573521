package dev.streamproc.local.cloud.template;

import static dev.streamproc.local.cloud.template.PhysicalNames.ACCOUNT;
import static dev.streamproc.local.cloud.template.PhysicalNames.REGION;
import static dev.streamproc.local.cloud.template.TemplateValues.scalarText;

import dev.streamproc.local.cloud.LocalCloudConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsics ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::Join},
 * {@code Fn::If}, conditions, {@code Fn::Select}, {@code Fn::Split}, {@code Fn::FindInMap}, ...) to the values
 * the stack has locally. Every call says where the value sits ({@code Resources.X.Properties.Y}), and an error
 * names that place.
 */
final class Intrinsics {

    /** What {@code !Ref AWS::NoValue} resolves to: the enclosing map entry or list item disappears. */
    private static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Sections template;
    private final Template.Options options;
    private final Map<String, Object> parameters;
    private final Conditions conditions;
    private final PhysicalNames names;

    Intrinsics(Sections template, Template.Options options, Map<String, Object> parameters) {
        this.template = template;
        this.options = options;
        this.parameters = parameters;
        this.conditions = new Conditions(template, this);
        this.names = new PhysicalNames(template, options.stackName(), this);
    }

    Conditions conditions() {
        return conditions;
    }

    PhysicalNames names() {
        return names;
    }

    /** {@code value} with every intrinsic in it resolved; {@code where} is its place in the template. */
    Object resolve(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                Object argument = map.values().iterator().next();
                if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition") && !(argument instanceof Map)) {
                    return intrinsic(key, argument, where);
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object v = resolve(entry.getValue(), where + "." + entry.getKey());
                if (v != NO_VALUE) {
                    resolved.put(String.valueOf(entry.getKey()), v);
                }
            }
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object v = resolve(list.get(i), where + "[" + i + "]");
                if (v != NO_VALUE) {
                    resolved.add(v);
                }
            }
            return resolved;
        }
        return value;
    }

    private Object intrinsic(String function, Object argument, String where) {
        switch (function) {
            case "Ref":
                return ref(String.valueOf(resolve(argument, where)), where);
            case "Condition":
                return conditions.value(String.valueOf(argument), where);
            case "Fn::GetAtt": {
                Object resolved = resolve(argument, where);
                List<?> parts = resolved instanceof List<?> l ? l : List.of(String.valueOf(resolved).split("\\.", 2));
                if (parts.size() != 2) {
                    throw template.error(where, "Fn::GetAtt needs [LogicalId, Attribute], got " + argument);
                }
                return getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)), where);
            }
            case "Fn::Sub":
                return sub(argument, where);
            case "Fn::Join": {
                List<?> args = list(resolve(argument, where), "Fn::Join", 2, where);
                List<?> items = list(args.get(1), "Fn::Join values", -1, where);
                List<String> texts = new ArrayList<>();
                items.forEach(i -> texts.add(scalarText(i)));
                return String.join(scalarText(args.get(0)), texts);
            }
            case "Fn::If": {
                List<?> args = list(argument, "Fn::If", 3, where);
                return conditions.value(String.valueOf(args.get(0)), where) ? resolve(args.get(1), where) : resolve(args.get(2), where);
            }
            case "Fn::Equals": {
                List<?> args = list(resolve(argument, where), "Fn::Equals", 2, where);
                return scalarText(args.get(0)).equals(scalarText(args.get(1)));
            }
            case "Fn::Not":
                return !bool(list(resolve(argument, where), "Fn::Not", 1, where).get(0), "Fn::Not", where);
            case "Fn::And":
                return list(resolve(argument, where), "Fn::And", -1, where).stream().allMatch(v -> bool(v, "Fn::And", where));
            case "Fn::Or":
                return list(resolve(argument, where), "Fn::Or", -1, where).stream().anyMatch(v -> bool(v, "Fn::Or", where));
            case "Fn::Select": {
                List<?> args = list(resolve(argument, where), "Fn::Select", 2, where);
                List<?> from = list(args.get(1), "Fn::Select list", -1, where);
                int index = Integer.parseInt(scalarText(args.get(0)));
                if (index < 0 || index >= from.size()) {
                    throw template.error(where, "Fn::Select index " + index + " is outside a list of " + from.size());
                }
                return from.get(index);
            }
            case "Fn::Split": {
                List<?> args = list(resolve(argument, where), "Fn::Split", 2, where);
                return List.of(scalarText(args.get(1)).split(Pattern.quote(scalarText(args.get(0))), -1));
            }
            case "Fn::GetAZs":
                return List.of(REGION + "a", REGION + "b", REGION + "c");
            case "Fn::FindInMap": {
                List<?> args = list(resolve(argument, where), "Fn::FindInMap", 3, where);
                Object top = template.mappings.get(scalarText(args.get(0)));
                Object second = top instanceof Map<?, ?> m ? m.get(scalarText(args.get(1))) : null;
                Object found = second instanceof Map<?, ?> m ? m.get(scalarText(args.get(2))) : null;
                if (found == null) {
                    throw template.error(where, "Fn::FindInMap found nothing for " + args);
                }
                return resolve(found, where);
            }
            case "Fn::Base64":
                return Base64.getEncoder().encodeToString(scalarText(resolve(argument, where)).getBytes(StandardCharsets.UTF_8));
            default:
                // Fn::ImportValue, Fn::Cidr, Fn::Transform...: nothing local can answer them, keep them as data.
                Map<String, Object> kept = new LinkedHashMap<>();
                kept.put(function, resolve(argument, where));
                return kept;
        }
    }

    private Object ref(String name, String where) {
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
        if (dot > 0 && template.isFunction(name.substring(0, dot))) {
            String function = name.substring(0, dot);
            String suffix = name.substring(dot + 1);
            if (suffix.equals("Alias")) {
                return names.arn(function) + ":" + names.alias(function, where);
            }
            if (suffix.equals("Version")) {
                return names.arn(function) + ":1";
            }
        }
        requireResource(name, "Ref", where);
        if (template.typeOf(name).equals("AWS::SQS::Queue")) {
            return options.sqsEndpoint() + "/" + ACCOUNT + "/" + names.name(name);
        }
        return names.name(name);
    }

    private Object getAtt(String logicalId, String attribute, String where) {
        if (template.isFunction(logicalId.replaceFirst("\\.(Alias|Version)$", "")) && logicalId.contains(".")) {
            return ref(logicalId, where);
        }
        requireResource(logicalId, "Fn::GetAtt", where);
        String name = names.name(logicalId);
        return switch (template.typeOf(logicalId) + "." + attribute) {
            case "AWS::SQS::Queue.QueueName", "AWS::Kinesis::Stream.Name" -> name;
            case "AWS::SQS::Queue.QueueUrl" -> ref(logicalId, where);
            case "AWS::DynamoDB::Table.StreamArn" -> names.arn(logicalId) + "/stream/" + LocalCloudConfig.DYNAMODB_STREAM_LABEL;
            case "AWS::S3::Bucket.DomainName" -> name + ".s3.amazonaws.com";
            case "AWS::S3::Bucket.RegionalDomainName" -> name + ".s3." + REGION + ".amazonaws.com";
            case "AWS::IAM::Role.RoleId" -> "AROA" + Integer.toHexString(name.hashCode()).toUpperCase(Locale.ROOT);
            default -> {
                if (attribute.equals("Arn")) {
                    yield names.arn(logicalId);
                }
                // An attribute nothing local reads: a stable, recognisable placeholder.
                yield name + "." + attribute;
            }
        };
    }

    private Object sub(Object argument, String where) {
        String text;
        Map<String, Object> variables = new LinkedHashMap<>();
        if (argument instanceof List<?> list) {
            List<?> args = list(list, "Fn::Sub", 2, where);
            text = scalarText(args.get(0));
            Object vars = resolve(args.get(1), where);
            if (!(vars instanceof Map<?, ?> m)) {
                throw template.error(where, "Fn::Sub variables must be a mapping");
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
                replacement = scalarText(getAtt(expression.substring(0, dot), expression.substring(dot + 1), where));
            } else {
                replacement = scalarText(ref(expression, where));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private void requireResource(String logicalId, String function, String where) {
        if (!template.declares(logicalId)) {
            throw template.error(where, function + " to unknown parameter or resource '" + logicalId + "'");
        }
    }

    private boolean bool(Object value, String function, String where) {
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equalsIgnoreCase(String.valueOf(value)) || "false".equalsIgnoreCase(String.valueOf(value))) {
            return Boolean.parseBoolean(String.valueOf(value));
        }
        throw template.error(where, function + " needs conditions, got " + value);
    }

    private List<?> list(Object value, String what, int size, String where) {
        if (!(value instanceof List<?> list) || size >= 0 && list.size() != size) {
            throw template.error(where, what + " needs a list" + (size >= 0 ? " of " + size : "") + ", got " + value);
        }
        return list;
    }
}
