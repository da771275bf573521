package dev.streamproc.local.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's routes: a method and a path pattern whose {@code {name}} parts match one URL-decoded path segment.
 */
public final class Routes {

    /** What a route does with a request: returns an object sent as JSON, or an {@link ApiResponse}. */
    @FunctionalInterface
    public interface Handler {
        Object handle(ApiRequest request) throws Exception;
    }

    record Route(String method, Pattern pattern, Handler handler) {
    }

    record Match(Handler handler, List<String> params) {
    }

    private final List<Route> routes = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Routes get(String path, Handler handler) {
        return add("GET", path, handler);
    }

    public Routes post(String path, Handler handler) {
        return add("POST", path, handler);
    }

    private Routes add(String method, String path, Handler handler) {
        String regex = Pattern.quote(path).replaceAll("\\{[a-zA-Z]+}", "\\\\E([^/]+)\\\\Q");
        routes.add(new Route(method, Pattern.compile(regex), handler));
        return this;
    }

    /** The handler for a method and raw (still encoded) path; empty when no route has the path. */
    Optional<Match> match(String method, String rawPath) {
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(rawPath);
            if (route.method().equals(method) && m.matches()) {
                List<String> params = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    params.add(java.net.URLDecoder.decode(m.group(i), java.nio.charset.StandardCharsets.UTF_8));
                }
                return Optional.of(new Match(route.handler(), params));
            }
        }
        return Optional.empty();
    }

    /** True when some route has the path under another method (405 rather than 404). */
    boolean hasPath(String rawPath) {
        return routes.stream().anyMatch(r -> r.pattern().matcher(rawPath).matches());
    }
}
