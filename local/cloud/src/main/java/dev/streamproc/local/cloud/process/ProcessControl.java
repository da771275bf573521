package dev.streamproc.local.cloud.process;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Stops a process and its descendants: SIGTERM first, SIGKILL for whatever is still alive after a grace period. */
public final class ProcessControl {

    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private ProcessControl() {
    }

    /** @return true when nothing of the tree is left alive */
    public static boolean terminate(ProcessHandle process, Duration grace) {
        List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
        tree.add(process);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(left, 1), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception timedOut) {
                // falls through to SIGKILL below
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception ignored) {
                // reported through the return value
            }
        }
        return tree.stream().noneMatch(ProcessHandle::isAlive);
    }

    /** Terminates the process with this pid if it is alive; true when it is gone afterwards. */
    public static boolean terminate(long pid, Duration grace) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.map(h -> terminate(h, grace)).orElse(true);
    }

    public static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
