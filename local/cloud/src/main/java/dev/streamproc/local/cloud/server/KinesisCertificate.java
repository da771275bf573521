package dev.streamproc.local.cloud.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 that clients can verify through {@code AWS_CA_BUNDLE}: the one
 * kinesis-mock ships has no subject alternative names, so no client can check it. Made once with openssl;
 * without openssl the packaged certificate is used and clients must skip verification.
 */
final class KinesisCertificate {

    /** {@code serverJson} is kinesis-mock's {@code KINESIS_MOCK_CERT_PATH} format; {@code caBundle} the PEM to trust. */
    record Issued(Path serverJson, Path caBundle) {
    }

    private KinesisCertificate() {
    }

    static Optional<Issued> ensure(Path dir) {
        Path serverJson = dir.resolve("server.json");
        Path certificate = dir.resolve("ca-bundle.pem");
        if (Files.isRegularFile(serverJson) && Files.isRegularFile(certificate)) {
            return Optional.of(new Issued(serverJson, certificate));
        }
        try {
            Files.createDirectories(dir);
            Path key = dir.resolve("key.pem");
            Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256",
                    "-keyout", key.toString(), "-out", certificate.toString(), "-days", "3650",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
            if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                openssl.destroyForcibly();
                return Optional.empty();
            }
            String json = new ObjectMapper().writeValueAsString(Map.of("server", Map.of(
                    "key", Files.readString(key, StandardCharsets.US_ASCII),
                    "cert", Files.readString(certificate, StandardCharsets.US_ASCII))));
            Files.writeString(serverJson, json, StandardCharsets.US_ASCII);
            Files.delete(key);
            return Optional.of(new Issued(serverJson, certificate));
        } catch (IOException e) {
            return Optional.empty(); // no openssl: fall back to the packaged certificate
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
