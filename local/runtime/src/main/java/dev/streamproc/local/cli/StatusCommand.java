package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.CloudStatus.ServerStatus;
import dev.streamproc.local.cloud.CloudStatus;
import dev.streamproc.local.cloud.process.LocalState;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code streamproc status}: each server up or down; exit 0 only when all are up (3 when nothing runs). */
@Command(name = "status", description = "show each local server: up/down, pid, endpoint",
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {"0:every server is up", "1:some server is down", "3:nothing runs"})
final class StatusCommand extends RunningStackCommand {

    @Override
    int run(Path dataDir, LocalState state) {
        List<ServerStatus> servers = CloudStatus.check(state);
        streamproc.out().printf("stack %s, started %s by pid %d%n", state.stackName(), state.startedAt(), state.pid());
        for (ServerStatus server : servers) {
            streamproc.out().printf("  %-9s %-5s pid %-8d %s%n", server.name(), server.up() ? "up" : "DOWN", server.pid(), server.endpoint());
        }
        boolean allUp = servers.stream().allMatch(ServerStatus::up);
        if (!allUp) {
            streamproc.out().println("some servers are down: restart with ./streamproc down && ./streamproc up");
        }
        return allUp ? 0 : 1;
    }

    @Override
    int nothingRunning(Path dataDir) {
        streamproc.out().println("no local cloud is running from " + dataDir + " (start one with ./streamproc up)");
        return 3;
    }
}
