package dev.streamproc.local.cloud.server;

import dev.streamproc.local.cloud.LocalCloudException;
import dev.streamproc.local.cloud.process.LoopbackPorts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * S3 on s3proxy, embedded, with a filesystem store: an object lands as the plain file
 * {@code <baseDir>/<bucket>/<key>}, so SQL engines and people can read it directly.
 * Clients must use path-style addressing.
 */
public final class S3Server implements SinglePortServer {

    private static final long STOP_TIMEOUT_MILLIS = 100;

    private final S3Proxy proxy;
    private final int port;
    private final Path baseDir;

    private S3Server(S3Proxy proxy, int port, Path baseDir) {
        this.proxy = proxy;
        this.port = port;
        this.baseDir = baseDir;
    }

    public static S3Server start(Path baseDir) {
        return start(baseDir, 0);
    }

    public static S3Server start(Path baseDir, int port) {
        int actualPort = LoopbackPorts.resolve(port, "S3 (s3proxy)");
        try {
            Files.createDirectories(baseDir);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(baseDir.toAbsolutePath().toString()))
                    .endpoint(URI.create("http://" + LoopbackPorts.LOOPBACK + ":" + actualPort))
                    .awsAuthentication(AuthenticationType.NONE, null, null)
                    .ignoreUnknownHeaders(true)
                    // Jetty waits this long at stop for clients' idle keep-alive connections to close: 1 s of every
                    // demo's stop (issue 15). Nothing is in flight when the cloud stops (its dependents stop first).
                    .stopTimeout(STOP_TIMEOUT_MILLIS)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (!"STARTED".equals(proxy.getState())) {
                proxy.stop();
                throw new LocalCloudException("s3proxy did not start on port " + actualPort + " (state " + proxy.getState() + ")");
            }
            return new S3Server(proxy, actualPort, baseDir.toAbsolutePath());
        } catch (LocalCloudException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalCloudException("interrupted while starting s3proxy", e);
        } catch (IOException e) {
            throw new LocalCloudException("cannot create the S3 directory " + baseDir + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new LocalCloudException("cannot start s3proxy on port " + actualPort + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public int port() {
        return port;
    }

    /** Where bucket {@code b}'s object {@code k} lives: {@code baseDir/b/k}. */
    public Path baseDir() {
        return baseDir;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            // Jetty reports a graceful stop that timed out (idle keep-alive connections) after it has closed its
            // connectors and stopped anyway
            if (!(e instanceof java.util.concurrent.TimeoutException)) {
                throw new LocalCloudException("s3proxy did not stop cleanly: " + e, e);
            }
        }
    }
}
