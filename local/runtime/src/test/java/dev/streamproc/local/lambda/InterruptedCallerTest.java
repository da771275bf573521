package dev.streamproc.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A caller that gives up (a poller being stopped) does not hand a busy container to the next caller. */
class InterruptedCallerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void theContainerFinishesTheAbandonedInvocationBeforeTakingTheNext() throws Exception {
        RuntimeOptions options = RuntimeOptions.forDataDirectory(dataDir, ProbeFunctions.sdkEnvironment(), null, false)
                .withMaxContainersPerFunction(1);
        try (LocalLambda lambda = new LocalLambda(List.of(ProbeFunctions.probe("ProbeFunction", Duration.ofSeconds(30), Map.of())), options)) {
            AtomicReference<Throwable> callerSaw = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    lambda.invoke("ProbeFunction", "{\"action\":\"sleep\",\"millis\":1500}".getBytes(StandardCharsets.UTF_8));
                } catch (RuntimeException e) {
                    callerSaw.set(e);
                }
            });
            caller.start();
            Path log = dataDir.resolve("logs").resolve("ProbeFunction.log");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log) && Files.readString(log).contains("probe sleep"));
            caller.interrupt();
            caller.join();

            InvocationResult next = lambda.invoke("ProbeFunction", "{\"action\":\"echo\",\"n\":2}".getBytes(StandardCharsets.UTF_8));

            assertThat(callerSaw.get()).isInstanceOf(CancellationException.class);
            assertThat(next.succeeded()).isTrue();
            JsonNode reply = JSON.readTree(next.payload());
            assertThat(reply.path("event").path("n").asInt()).isEqualTo(2);
            assertThat(lambda.coldStarts().get("ProbeFunction")).hasSize(1);
        }
    }
}
