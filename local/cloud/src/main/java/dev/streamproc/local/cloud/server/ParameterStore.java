package dev.streamproc.local.cloud.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Parameter Store semantics without the wire protocol: types, versions, hierarchy paths, and
 * SecureString values that only come back readable when decryption is asked for.
 */
public final class ParameterStore {

    /** Parameter types, with the names AWS uses on the wire. */
    public enum Type {
        STRING("String"), STRING_LIST("StringList"), SECURE_STRING("SecureString");

        private final String awsName;

        Type(String awsName) {
            this.awsName = awsName;
        }

        public String awsName() {
            return awsName;
        }

        public static Type fromAws(String name) {
            for (Type type : values()) {
                if (type.awsName.equals(name)) {
                    return type;
                }
            }
            throw new ParameterException("ValidationException", "1 validation error detected: Value '" + name
                    + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]");
        }
    }

    /** One parameter version as stored (the value is always the plain text). */
    public record Parameter(String name, Type type, String value, long version, Instant lastModified,
                            String description) {

        /** The value as GetParameter returns it: SecureString without decryption is an opaque ciphertext-like string. */
        public String visibleValue(boolean withDecryption) {
            return type == Type.SECURE_STRING && !withDecryption ? opaque(name, version, value) : value;
        }
    }

    /** Parameter Store's client errors, with AWS's error codes. */
    public static final class ParameterException extends RuntimeException {
        private final String code;

        public ParameterException(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Map<String, List<Parameter>> history = new TreeMap<>();
    private final Clock clock;

    public ParameterStore() {
        this(Clock.systemUTC());
    }

    public ParameterStore(Clock clock) {
        this.clock = clock;
    }

    /** PutParameter: a new parameter needs a type; an existing one needs {@code overwrite}. Returns the new version. */
    public synchronized long put(String name, Type type, String value, boolean overwrite, String description) {
        validateName(name);
        if (value == null) {
            throw new ParameterException("ValidationException", "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must not be null");
        }
        List<Parameter> versions = history.get(name);
        if (versions != null && !overwrite) {
            throw new ParameterException("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
        }
        Type effectiveType = type != null ? type : versions != null ? versions.get(versions.size() - 1).type() : null;
        if (effectiveType == null) {
            throw new ParameterException("ValidationException", "A parameter type is required when you create a parameter.");
        }
        long version = versions == null ? 1 : versions.get(versions.size() - 1).version() + 1;
        String effectiveDescription = description != null ? description
                : versions != null ? versions.get(versions.size() - 1).description() : null;
        history.computeIfAbsent(name, n -> new ArrayList<>())
                .add(new Parameter(name, effectiveType, value, version, clock.instant(), effectiveDescription));
        return version;
    }

    /** GetParameter; accepts {@code name:version} selectors as AWS does. */
    public synchronized Optional<Parameter> get(String nameWithSelector) {
        int colon = nameWithSelector.lastIndexOf(':');
        String name = colon > 0 ? nameWithSelector.substring(0, colon) : nameWithSelector;
        List<Parameter> versions = history.get(name);
        if (versions == null) {
            return Optional.empty();
        }
        if (colon > 0) {
            String selector = nameWithSelector.substring(colon + 1);
            try {
                long wanted = Long.parseLong(selector);
                return versions.stream().filter(p -> p.version() == wanted).findFirst();
            } catch (NumberFormatException e) {
                throw new ParameterException("ParameterVersionLabelNotFound", "Labels are not supported by the local Parameter Store: " + selector);
            }
        }
        return Optional.of(versions.get(versions.size() - 1));
    }

    /** GetParametersByPath: latest versions under {@code path}, one level or all levels deep, sorted by name. */
    public synchronized List<Parameter> byPath(String path, boolean recursive) {
        if (!path.startsWith("/")) {
            throw new ParameterException("ValidationException", "The parameter path must begin with a forward slash (/): " + path);
        }
        String prefix = path.endsWith("/") ? path : path + "/";
        List<Parameter> found = new ArrayList<>();
        for (Map.Entry<String, List<Parameter>> entry : history.entrySet()) {
            String name = entry.getKey();
            if (name.startsWith(prefix) && (recursive || name.indexOf('/', prefix.length()) < 0)) {
                found.add(entry.getValue().get(entry.getValue().size() - 1));
            }
        }
        return found;
    }

    public synchronized boolean delete(String name) {
        return history.remove(name) != null;
    }

    /** Latest version of every parameter, sorted by name. */
    public synchronized List<Parameter> all() {
        return history.values().stream().map(v -> v.get(v.size() - 1)).toList();
    }

    /** Every version of every parameter (for persistence). */
    public synchronized List<Parameter> allVersions() {
        return history.values().stream().flatMap(List::stream).toList();
    }

    /** Restores stored versions exactly (for persistence). */
    public synchronized void restore(List<Parameter> versions) {
        history.clear();
        for (Parameter p : versions) {
            history.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p);
        }
    }

    private static void validateName(String name) {
        if (name == null || name.isBlank() || name.length() > 2048) {
            throw new ParameterException("ValidationException", "Parameter name must be 1 to 2048 characters");
        }
        if (name.contains("/") && !name.startsWith("/")) {
            throw new ParameterException("ValidationException", "Parameter name: a hierarchy must begin with a forward slash (/): " + name);
        }
    }

    /** Stands in for KMS ciphertext: stable per version, reveals nothing of the value. */
    private static String opaque(String name, long version, String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest((name + "#" + version + "#" + value).getBytes(StandardCharsets.UTF_8));
            byte[] blob = new byte[4 + hash.length];
            blob[0] = 1;
            blob[1] = 2;
            blob[2] = 2;
            blob[3] = 0;
            System.arraycopy(hash, 0, blob, 4, hash.length);
            return "AQICAH" + Base64.getEncoder().encodeToString(blob);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
