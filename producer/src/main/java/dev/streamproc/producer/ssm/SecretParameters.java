package dev.streamproc.producer.ssm;

import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/**
 * Reads (decrypted, cached) secrets from SSM Parameter Store through Powertools. Values are
 * never logged; a missing parameter becomes a {@link MissingParameterException}.
 */
public final class SecretParameters {

    /** How long a value read from SSM is reused before it is read again (rotated secrets arrive within this). */
    public static final java.time.Duration MAX_AGE = java.time.Duration.ofMinutes(5);

    private final SSMProvider provider;

    public SecretParameters(SsmClient client) {
        this.provider = SSMProvider.builder().withClient(client).build();
    }

    public String require(String name) {
        try {
            String value = provider.withDecryption().withMaxAge((int) MAX_AGE.toMinutes(), ChronoUnit.MINUTES).get(name);
            if (value == null) {
                throw new MissingParameterException(name);
            }
            return value;
        } catch (ParameterNotFoundException e) {
            throw new MissingParameterException(name);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof ParameterNotFoundException) {
                throw new MissingParameterException(name);
            }
            throw e;
        }
    }
}
