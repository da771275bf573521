package dev.streamproc.local.cli;

import dev.streamproc.local.alarm.AlarmLines;
import dev.streamproc.local.cloud.CloudStatus.ServerStatus;
import dev.streamproc.local.cloud.CloudStatus;
import dev.streamproc.local.cloud.process.LocalState;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code streamproc status}: each server up or down, then each CloudWatch alarm of the template as the runtime evaluated
 * it on the local figures (OK / ALARM / INSUFFICIENT_DATA and why).
 */
@Command(name = "status", description = "show each local server (up/down, pid, endpoint) and each alarm of the template"
        + " (OK / ALARM / INSUFFICIENT_DATA and why, evaluated by the local runtime on its own figures)",
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {
                "0:every server is up and no alarm is in ALARM",
                "1:some server is down, or the runtime is not evaluating the alarms",
                "2:usage error",
                "3:nothing runs",
                "4:every server is up and some alarm is in ALARM"})
final class StatusCommand extends RunningStackCommand {

    @Override
    int run(Path dataDir, LocalState state) {
        List<ServerStatus> servers = CloudStatus.check(state);
        streamproc.out().printf("stack %s, started %s by pid %d%n", state.stackName(), state.startedAt(), state.pid());
        for (ServerStatus server : servers) {
            streamproc.out().printf("  %-9s %-5s pid %-8d %s%n", server.name(), server.up() ? "up" : "DOWN", server.pid(), server.endpoint());
        }
        dev.streamproc.local.console.ConsoleStatus.line(dataDir).ifPresent(streamproc.out()::println);
        AlarmLines.Section alarms = AlarmLines.of(dataDir, System.currentTimeMillis());
        alarms.lines().forEach(streamproc.out()::println);
        boolean allUp = servers.stream().allMatch(ServerStatus::up);
        if (!allUp) {
            streamproc.out().println("some servers are down: restart with ./streamproc down && ./streamproc up");
            return 1;
        }
        if (alarms.stale()) {
            return 1;
        }
        return alarms.firing() ? 4 : 0;
    }

    @Override
    int nothingRunning(Path dataDir) {
        streamproc.out().println("no local cloud is running from " + dataDir + " (start one with ./streamproc up)");
        return 3;
    }
}
