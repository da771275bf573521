package dev.streamproc.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Runtime Interface Client's JNI library, unpacked once per data directory. Left to itself the client copies
 * it to the fixed path {@code /tmp/.libaws-lambda-jni.so} in every JVM it starts, so containers starting at the
 * same time overwrite the file another one is loading and die with SIGABRT. The client loads the file named by
 * the system property {@link #PROPERTY} instead, when given.
 */
final class RuntimeNativeLibrary {

    static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private RuntimeNativeLibrary() {
    }

    /** The unpacked library for this machine, under {@code directory}. */
    static synchronized Path unpack(List<Path> runtimeClasspath, Path directory) {
        String name = "libaws-lambda-jni." + platform() + ".so";
        Path library = directory.resolve(name);
        if (Files.isRegularFile(library)) {
            return library;
        }
        Path ric = runtimeClasspath.stream()
                .filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no Runtime Interface Client jar in " + runtimeClasspath));
        try (ZipFile jar = new ZipFile(ric.toFile())) {
            ZipEntry entry = jar.getEntry("jni/" + name);
            if (entry == null) {
                throw new IllegalStateException(ric + " has no native library for " + platform());
            }
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, name, ".partial");
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return library;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the Runtime Interface Client's native library", e);
        }
    }

    /** {@code linux-x86_64}, {@code linux-aarch_64}, or their {@code linux_musl-} variants (Alpine). */
    private static String platform() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : "x86_64";
        boolean musl;
        try (var libs = Files.list(Path.of("/lib"))) {
            musl = libs.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
        } catch (IOException e) {
            musl = false;
        }
        return (musl ? "linux_musl-" : "linux-") + cpu;
    }
}
