package dev.streamproc.local.cloud.server;

import dev.streamproc.local.cloud.LocalCloudException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls until a server answers, with a deadline. */
final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private Readiness() {
    }

    static void await(String what, Duration timeout, BooleanSupplier ready, BooleanSupplier stillRunning, String logHint) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready.getAsBoolean()) {
                return;
            }
            if (!stillRunning.getAsBoolean()) {
                throw new LocalCloudException(what + " exited during start-up; see " + logHint);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalCloudException(what + ": interrupted while waiting for it to start");
            }
        }
        throw new LocalCloudException(what + " did not answer within " + timeout.toSeconds() + " s; see " + logHint);
    }

    /** True when an HTTP GET answers with any status below 500 (or exactly {@code expected} when nonzero). */
    static boolean httpAnswers(String url, int expected) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return expected == 0 ? response.statusCode() < 500 : response.statusCode() == expected;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
