package dev.streamproc.local.esm;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The UUID of a template-declared event source mapping. AWS assigns a random one at creation; locally it is
 * derived from the function and the stream so it stays the same across restarts (S3 failure keys and the Lambda
 * API name the mapping by it).
 */
public final class MappingUuid {

    private MappingUuid() {
    }

    public static String of(String functionArn, String streamArn) {
        return UUID.nameUUIDFromBytes((functionArn + "\n" + streamArn).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
