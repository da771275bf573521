package dev.streamproc.local.cloud;

import java.time.Instant;

/**
 * A server of the local cloud that died while it ran: started again with its data ({@code restarted}), or lost —
 * then {@code line} names it and says what to run.
 */
public record ServerEvent(Instant at, String server, boolean restarted, String line) {
}
