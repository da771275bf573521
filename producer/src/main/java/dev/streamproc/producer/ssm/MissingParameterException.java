package dev.streamproc.producer.ssm;

/** A required SSM parameter does not exist; the message names it and nothing secret. */
public class MissingParameterException extends RuntimeException {

    private final String parameter;

    public MissingParameterException(String parameter) {
        super("SSM parameter " + parameter + " not found: create it (SecureString) or set TWITTER_PARAMETER_PREFIX");
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // one line in the log, not a stack trace
    }
}
