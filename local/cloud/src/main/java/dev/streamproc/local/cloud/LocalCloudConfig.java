package dev.streamproc.local.cloud;

import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.cloud.template.Template;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to run the local cloud. Built with {@link #builder()}; every port defaults to 0 (a free one), which is what
 * tests want; {@code ./streamproc up} uses {@link Builder#fixedPorts()} so other tools can find the stack:
 * Kinesis TLS 4567, Kinesis HTTP 4568, DynamoDB 4569, S3 4570, SSM 4571, SQS 4572.
 */
public record LocalCloudConfig(Path dataDir, Path template, String stackName, Map<String, String> parameterOverrides,
                               Ports ports, boolean persist, Path parametersFile, Map<String, String> extraParameters,
                               Consumer<String> out, Consumer<Template> preflight) {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String DEFAULT_STACK_NAME = "streamproc";
    /** Label used in the DynamoDB StreamArn the template resolves to (DynamoDB Local's real label differs; see LocalCloud). */
    public static final String DYNAMODB_STREAM_LABEL = "local";

    public static final int DEFAULT_KINESIS_TLS_PORT = 4567;
    public static final int DEFAULT_KINESIS_PLAIN_PORT = 4568;
    public static final int DEFAULT_DYNAMODB_PORT = 4569;
    public static final int DEFAULT_S3_PORT = 4570;
    public static final int DEFAULT_SSM_PORT = 4571;
    public static final int DEFAULT_SQS_PORT = 4572;

    /** Server ports; 0 = pick a free one. */
    public record Ports(int kinesisTls, int kinesisPlain, int dynamodb, int s3, int ssm, int sqs) {

        public static final Ports FREE = new Ports(0, 0, 0, 0, 0, 0);
        public static final Ports FIXED = new Ports(DEFAULT_KINESIS_TLS_PORT, DEFAULT_KINESIS_PLAIN_PORT, DEFAULT_DYNAMODB_PORT,
                DEFAULT_S3_PORT, DEFAULT_SSM_PORT, DEFAULT_SQS_PORT);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The data directory's parts. */
    public Path s3Dir() {
        return dataDir.resolve("s3");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path stateFile() {
        return stateFile(dataDir);
    }

    public static Path stateFile(Path dataDir) {
        return dataDir.resolve("state.json");
    }

    /** {@code <repo>/.streamproc}. */
    public static Path defaultDataDir() {
        return RepoRoot.find().resolve(".streamproc");
    }

    public static final class Builder {
        private Path dataDir;
        private Path template;
        private String stackName = DEFAULT_STACK_NAME;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private Ports ports = Ports.FREE;
        private boolean persist;
        private Path parametersFile;
        private boolean parametersFileSet;
        private final Map<String, String> extraParameters = new LinkedHashMap<>();
        private Consumer<String> out = System.out::println;
        private Consumer<Template> preflight = template -> { };

        /** Where s3 files, logs, checkpoints and state.json go. Tests: use a temporary directory. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Default: {@code <repo>/template.yaml}. */
        public Builder template(Path file) {
            this.template = file;
            return this;
        }

        public Builder stackName(String name) {
            this.stackName = name;
            return this;
        }

        public Builder parameter(String name, String value) {
            overrides.put(name, value);
            return this;
        }

        public Builder parameters(Map<String, String> values) {
            overrides.putAll(values);
            return this;
        }

        public Builder ports(Ports value) {
            this.ports = value;
            return this;
        }

        /** The documented fixed ports (4567–4572), as {@code up} uses. */
        public Builder fixedPorts() {
            return ports(Ports.FIXED);
        }

        /** Keep DynamoDB, Kinesis and SSM data across restarts under the data directory. */
        public Builder persist(boolean value) {
            this.persist = value;
            return this;
        }

        /** SSM seed file; default {@code <repo>/local-parameters.properties} when it exists. Null = none. */
        public Builder parametersFile(Path file) {
            this.parametersFile = file;
            this.parametersFileSet = true;
            return this;
        }

        /** An SSM parameter to seed ({@code Type:value} or bare = SecureString; see {@link SsmServer#parseSeed}). */
        public Builder ssmParameter(String name, String value) {
            extraParameters.put(name, value);
            return this;
        }

        /** Where progress lines ("not emulated: ...") go; default stdout. */
        public Builder out(Consumer<String> sink) {
            this.out = sink;
            return this;
        }

        /**
         * A check of the loaded template that runs before any server starts, e.g. that every function's deployment
         * jar exists; it throws to stop the start with its message.
         */
        public Builder preflight(Consumer<Template> check) {
            this.preflight = check;
            return this;
        }

        public LocalCloudConfig build() {
            Path root = dataDir == null || template == null || !parametersFileSet ? RepoRoot.find() : null;
            Path data = dataDir != null ? dataDir : root.resolve(".streamproc");
            Path templateFile = template != null ? template : root.resolve("template.yaml");
            Path params = parametersFileSet ? parametersFile : root.resolve("local-parameters.properties");
            return new LocalCloudConfig(data.toAbsolutePath(), templateFile.toAbsolutePath(), stackName, Map.copyOf(overrides), ports,
                    persist, params, Map.copyOf(extraParameters), out, preflight);
        }
    }
}
