package dev.streamproc.producer.kinesis;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;

/**
 * The standard SDK endpoint override ({@code AWS_ENDPOINT_URL_KINESIS}, else
 * {@code AWS_ENDPOINT_URL}) translated into what the KPL's native daemon understands: host,
 * port and whether to verify the server certificate.
 *
 * <p>The KPL speaks HTTPS only. Certificate checks are switched off only for a loopback host
 * (a local emulator with a self-signed certificate); any other host is verified as usual.
 */
public record KinesisEndpoint(String host, int port, boolean verifyCertificate) {

    /** Empty when neither variable is set: KPL's defaults (the real regional endpoint). */
    public static Optional<KinesisEndpoint> fromEnvironment(Map<String, String> env) {
        String url = firstNonBlank(env.get("AWS_ENDPOINT_URL_KINESIS"), env.get("AWS_ENDPOINT_URL"));
        return url == null ? Optional.empty() : Optional.of(parse(url));
    }

    public static KinesisEndpoint parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Kinesis endpoint URL is not a URL: " + url, e);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("Kinesis endpoint " + url
                    + " must be https: the Kinesis Producer Library cannot talk plain HTTP "
                    + "(point AWS_ENDPOINT_URL_KINESIS at the server's TLS port)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Kinesis endpoint URL has no host: " + url);
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        int port = uri.getPort() == -1 ? 443 : uri.getPort();
        return new KinesisEndpoint(host, port, !isLoopback(host));
    }

    public static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name: do not resolve it, a DNS answer is not proof of loopback
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
