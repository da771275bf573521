package dev.streamproc.local.cloud.template;

import dev.streamproc.local.cloud.LocalCloudConfig;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The names and ARNs resources have locally: a name property the template sets (resolved), else
 * {@code <stack>-<LogicalId>} (lower case for buckets); ARNs in the local account and region.
 */
final class PhysicalNames {

    static final String REGION = LocalCloudConfig.REGION;
    static final String ACCOUNT = LocalCloudConfig.ACCOUNT_ID;

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

    private final Sections template;
    private final String stackName;
    private final Intrinsics intrinsics;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Set<String> resolving = new HashSet<>();

    PhysicalNames(Sections template, String stackName, Intrinsics intrinsics) {
        this.template = template;
        this.stackName = stackName;
        this.intrinsics = intrinsics;
    }

    String name(String logicalId) {
        String known = names.get(logicalId);
        if (known != null) {
            return known;
        }
        String property = NAME_PROPERTY.get(template.typeOf(logicalId));
        String where = "Resources." + logicalId + ".Properties." + (property == null ? "" : property);
        if (!resolving.add(logicalId)) {
            throw template.error(where, "the name of " + logicalId + " depends on itself");
        }
        try {
            Object explicit = property == null ? null : template.property(logicalId, property);
            String name;
            if (explicit != null) {
                name = TemplateValues.scalarText(intrinsics.resolve(explicit, where));
            } else if (template.typeOf(logicalId).equals("AWS::S3::Bucket")) {
                name = (stackName + "-" + logicalId).toLowerCase(Locale.ROOT);
            } else {
                name = stackName + "-" + logicalId;
            }
            names.put(logicalId, name);
            return name;
        } finally {
            resolving.remove(logicalId);
        }
    }

    String arn(String logicalId) {
        String name = name(logicalId);
        String prefix = ":" + REGION + ":" + ACCOUNT + ":";
        String type = template.typeOf(logicalId);
        return switch (type) {
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
                String[] parts = type.split("::");
                yield "arn:aws:" + parts[1].toLowerCase(Locale.ROOT) + prefix + parts[parts.length - 1].toLowerCase(Locale.ROOT) + "/" + name;
            }
        };
    }

    /** The function's {@code AutoPublishAlias} (its own, else Globals'), for {@code !Ref Function.Alias}. */
    String alias(String functionId, String where) {
        Object alias = template.property(functionId, "AutoPublishAlias");
        if (alias == null) {
            alias = template.functionGlobals.get("AutoPublishAlias");
        }
        if (alias == null) {
            throw template.error(where, "!Ref " + functionId + ".Alias needs AutoPublishAlias on " + functionId);
        }
        return TemplateValues.scalarText(intrinsics.resolve(alias, "Resources." + functionId + ".Properties.AutoPublishAlias"));
    }
}
