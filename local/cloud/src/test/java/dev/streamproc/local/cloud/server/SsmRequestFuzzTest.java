package dev.streamproc.local.cloud.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streamproc.local.cloud.server.ParameterStore.ParameterException;

/**
 * Coverage-guided fuzzing of the SSM server's request parsing (Jazzer): any body is a JSON object or the client's
 * {@code SerializationException} (AWS's 400), never another exception (which would be a 500 or a dropped connection).
 */
class SsmRequestFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void parseRequest(byte[] body) {
        try {
            JsonNode request = SsmServer.parseRequest(body);
            assertThat(request.isObject()).isTrue();
        } catch (ParameterException e) {
            assertThat(e.code()).isEqualTo("SerializationException");
        }
    }
}
