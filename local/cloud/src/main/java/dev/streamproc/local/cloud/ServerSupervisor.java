package dev.streamproc.local.cloud;

import dev.streamproc.local.cloud.server.LocalServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the servers of a running cloud: a liveness check of each on a schedule. A server whose process is gone,
 * or that has answered no check for {@link #UNRESPONSIVE_LIMIT}, is started again on its ports with the data it had kept; when that
 * is not possible (its data was in memory) or fails, one line names it and says what to run, and the listeners
 * hear of it — {@code up} then stops, the demo reports what it had.
 */
final class ServerSupervisor implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    /**
     * How long a server whose process still runs may answer no check before it is given up. A busy 2-core machine
     * (kinesis-mock rewriting its streams file while two test JVMs run) missed three 1 s checks in a row, and the
     * restart of a server that was only slow cost the records of its last save interval: be patient with the living.
     */
    static final Duration UNRESPONSIVE_LIMIT = Duration.ofSeconds(20);

    /** Where the servers are kept. */
    interface Slots {
        List<LocalServer> all();

        void replace(LocalServer dead, LocalServer restarted);
    }

    private final Slots slots;
    private final Consumer<ServerEvent> listener;
    private final Duration unresponsiveLimit;
    /** Server name → when it first missed a check (System.nanoTime), while it keeps missing them. */
    private final Map<String, Long> unansweredSince = new HashMap<>();
    private final Set<String> lost = new HashSet<>();
    private final ScheduledExecutorService schedule;
    private final Object checking = new Object();
    private volatile boolean closed;

    private ServerSupervisor(Slots slots, Duration unresponsiveLimit, Consumer<ServerEvent> listener) {
        this.slots = slots;
        this.unresponsiveLimit = unresponsiveLimit;
        this.listener = listener;
        this.schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-cloud-supervisor");
            t.setDaemon(true);
            return t;
        });
    }

    static ServerSupervisor start(Slots slots, Duration interval, Consumer<ServerEvent> listener) {
        return start(slots, interval, UNRESPONSIVE_LIMIT, listener);
    }

    static ServerSupervisor start(Slots slots, Duration interval, Duration unresponsiveLimit, Consumer<ServerEvent> listener) {
        ServerSupervisor supervisor = new ServerSupervisor(slots, unresponsiveLimit, listener);
        supervisor.schedule.scheduleWithFixedDelay(supervisor::checkOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return supervisor;
    }

    /** One round of checks (the schedule calls it; tests may too). */
    void checkOnce() {
        synchronized (checking) {
            for (LocalServer server : slots.all()) {
                if (closed) {
                    return;
                }
                if (lost.contains(server.name())) {
                    continue;
                }
                try {
                    check(server);
                } catch (RuntimeException e) {
                    // never let one odd server end the schedule
                    lose(server, "could not be checked (" + e.getMessage() + ")");
                }
            }
        }
    }

    private void check(LocalServer server) {
        boolean exited = server.exited();
        if (!exited && server.isAlive()) {
            unansweredSince.remove(server.name());
            return;
        }
        long since = unansweredSince.computeIfAbsent(server.name(), name -> System.nanoTime());
        if (!exited && System.nanoTime() - since < unresponsiveLimit.toNanos()) {
            return;
        }
        unansweredSince.remove(server.name());
        String what = describe(server) + (exited ? " died" : " stopped answering");
        Optional<LocalServer> restarted;
        try {
            restarted = closed ? Optional.empty() : server.restartWithItsData();
        } catch (RuntimeException e) {
            lose(server, what + " and did not start again: " + e.getMessage());
            return;
        }
        if (closed) {
            restarted.ifPresent(LocalServer::close);
            return;
        }
        if (restarted.isEmpty()) {
            lose(server, what + " and cannot be started again with its data from here");
            return;
        }
        slots.replace(server, restarted.get());
        LocalServer again = restarted.get();
        listener.accept(new ServerEvent(Instant.now(), server.name(), true, "local cloud: " + what + "; started it again on the same ports"
                + " with its data as last saved" + (again.pid() != ProcessHandle.current().pid() ? " (now pid " + again.pid() + ")" : "")));
    }

    private void lose(LocalServer server, String what) {
        if (closed) {
            return; // stopping: a server that fails now is being stopped, not lost
        }
        lost.add(server.name());
        listener.accept(new ServerEvent(Instant.now(), server.name(), false, "local cloud: " + what
                + ": stop everything (Ctrl-C or ./streamproc down) and start it again (./streamproc up)"));
    }

    private static String describe(LocalServer server) {
        boolean ownProcess = server.pid() != ProcessHandle.current().pid();
        return "the " + server.name() + " server (" + (ownProcess ? "pid " + server.pid() + ", " : "") + "port"
                + (server.ports().size() > 1 ? "s " : " ") + server.ports().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("?") + ")";
    }

    /** Stops watching; a check under way finishes first (a server it is restarting is closed again). */
    @Override
    public void close() {
        closed = true;
        schedule.shutdownNow();
        try {
            schedule.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
