package dev.streamproc.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLambdaShutdownTest {

    @TempDir
    Path dataDir;

    @Test
    void closeLeavesNoChildJvmBehindEvenMidInvocation() throws Exception {
        RuntimeOptions options = RuntimeOptions.forDataDirectory(dataDir, ProbeFunctions.sdkEnvironment(), null, false);
        LocalLambda lambda = new LocalLambda(List.of(
                ProbeFunctions.probe("FirstFunction", Duration.ofSeconds(60), Map.of()),
                ProbeFunctions.probe("SecondFunction", Duration.ofSeconds(60), Map.of())), options);
        List<Long> pids = new ArrayList<>();
        for (String function : List.of("FirstFunction", "SecondFunction")) {
            InvocationResult result = lambda.invoke(function, "{}".getBytes(StandardCharsets.UTF_8));
            pids.add(new ObjectMapper().readTree(result.payload()).path("pid").asLong());
        }
        CompletableFuture<InvocationResult> busy = CompletableFuture.supplyAsync(() ->
                lambda.invoke("FirstFunction", "{\"action\":\"sleep\",\"millis\":50000}".getBytes(StandardCharsets.UTF_8)));
        Path log = dataDir.resolve("logs").resolve("FirstFunction.log");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log) && Files.readString(log).contains("probe sleep"));
        pids.addAll(childJavaPids());

        lambda.close();

        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(childJavaPids()).isEmpty();
        assertThat(busy.get().succeeded()).isFalse();
        assertThatThrownBy(() -> lambda.invoke("FirstFunction", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class);
    }

    private static List<Long> childJavaPids() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
    }
}
