package dev.streamproc.local.cloud;

import java.nio.file.Path;

/** Test helper main: runs a local cloud in its own JVM (as {@code ./streamproc up} does) until it is stopped. */
public final class CloudInAnotherProcess {

    private CloudInAnotherProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalCloud.start(LocalCloudConfig.builder().dataDir(Path.of(args[0])).parametersFile(null).out(line -> { }).build());
        System.out.println("READY");
        Thread.currentThread().join();
    }
}
