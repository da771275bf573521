package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.LocalCloud;

/**
 * What {@code up} (and {@code demo}) start beside the local cloud: the functions of the template under the local
 * Lambda runtime, their event source mappings, Firehose delivery and schedules. Owned by the local-runtime
 * engineers: replace the body; the returned handle is closed before the cloud on shutdown.
 */
public final class LocalRuntimeHook {

    private LocalRuntimeHook() {
    }

    public static AutoCloseable start(LocalCloud cloud, UpCommand.Options options) {
        return () -> {
        };
    }
}
