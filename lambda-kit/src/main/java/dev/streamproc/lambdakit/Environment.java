package dev.streamproc.lambdakit;

/** The function's configuration from its environment, as the template sets it. */
public final class Environment {

    private Environment() {
    }

    public static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
