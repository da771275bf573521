package dev.streamproc.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the Runtime API's HTTP request parsing (Jazzer): any bytes on a connection become
 * requests, the end of the connection, or an {@link IOException} ({@link HttpMessages.BadRequest} answered 400 with
 * a reason) — never another exception, which would print a stack trace and drop the connection unanswered.
 */
class RuntimeApiRequestFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void parse(byte[] wire) {
        HttpMessages.Reader reader = new HttpMessages.Reader(new ByteArrayInputStream(wire), new ByteArrayOutputStream());
        try {
            for (int i = 0; i < 100; i++) {
                HttpMessages.Request request = reader.next();
                if (request == null) {
                    return;
                }
                assertThat(request.path()).startsWith("/");
                assertThat(request.body().length).isLessThanOrEqualTo(HttpMessages.MAX_BODY);
            }
        } catch (HttpMessages.BadRequest bad) {
            assertThat(bad.getMessage()).isNotBlank();
            assertThat(bad.response().bytes()).isNotEmpty();
        } catch (IOException endedMidRequest) {
            // the connection ended mid-request: nothing to answer
        }
    }
}
