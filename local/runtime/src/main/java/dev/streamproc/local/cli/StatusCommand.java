package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.CloudStatus;
import dev.streamproc.local.cloud.CloudStatus.ServerStatus;
import dev.streamproc.local.cloud.LocalState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code streamproc status}: each server up or down; exit 0 only when all are up (3 when nothing runs). */
public final class StatusCommand {

    static final String USAGE = "usage: streamproc status [--data-dir DIR]";

    private StatusCommand() {
    }

    public static int run(List<String> args) {
        Path dataDir = CliArgs.dataDirOnly(args, USAGE);
        Optional<LocalState> state = CloudStatus.state(dataDir);
        if (state.isEmpty()) {
            System.out.println("no local cloud is running from " + dataDir + " (start one with ./streamproc up)");
            return 3;
        }
        List<ServerStatus> servers = CloudStatus.check(state.get());
        System.out.printf("stack %s, started %s by pid %d%n", state.get().stackName(), state.get().startedAt(), state.get().pid());
        for (ServerStatus server : servers) {
            System.out.printf("  %-9s %-5s pid %-8d %s%n", server.name(), server.up() ? "up" : "DOWN", server.pid(), server.endpoint());
        }
        dev.streamproc.local.console.ConsoleStatus.line(dataDir).ifPresent(System.out::println);
        boolean allUp = servers.stream().allMatch(ServerStatus::up);
        if (!allUp) {
            System.out.println("some servers are down: restart with ./streamproc down && ./streamproc up");
        }
        return allUp ? 0 : 1;
    }
}
