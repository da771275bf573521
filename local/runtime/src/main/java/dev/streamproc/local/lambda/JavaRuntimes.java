package dev.streamproc.local.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDKs on this machine, and which one runs a function of a given Lambda Java runtime ({@code java11},
 * {@code java17}, {@code java21}, {@code java25}, {@code java8.al2}): the same feature version, or else the nearest
 * newer one (class files of an older release load on a newer JVM; the other way round they do not). JDKs are found
 * under {@code /usr/lib/jvm}, {@code JAVA_HOME} and the JVM running this code, each read from its {@code release}
 * file.
 */
public final class JavaRuntimes {

    /** One installed JDK (or JRE): its home and its feature version (17, 21, 25...). */
    public record Jdk(Path home, int feature, String version) {

        public Path java() {
            return home.resolve("bin").resolve("java");
        }
    }

    /** The JDK a runtime gets, and why it is not that runtime's own version when it is not. */
    public record Choice(String runtime, Jdk jdk, boolean exact) {

        /** The one line {@code up} prints for a runtime that runs on a newer JDK. */
        public String note() {
            return runtime + " functions run on JDK " + jdk.version() + " (" + jdk.home() + "): no JDK " + wantedFeature(runtime)
                    + " on this machine";
        }
    }

    private static final Pattern JAVA_RUNTIME = Pattern.compile("java(\\d+)(\\.al2)?");
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?([^\"\\s]+)\"?");
    private static final Path SYSTEM_JVMS = Path.of("/usr/lib/jvm");

    private final List<Jdk> jdks;
    private final Map<String, Choice> choices = new LinkedHashMap<>();

    JavaRuntimes(List<Jdk> jdks) {
        this.jdks = jdks.stream().sorted(Comparator.comparingInt(Jdk::feature)).toList();
    }

    /** The JDKs of this machine: {@code /usr/lib/jvm/*}, {@code $JAVA_HOME}, and the running JVM. */
    public static JavaRuntimes ofThisMachine() {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            homes.add(Path.of(javaHome));
        }
        if (Files.isDirectory(SYSTEM_JVMS)) {
            try (Stream<Path> entries = Files.list(SYSTEM_JVMS)) {
                entries.sorted().forEach(homes::add);
            } catch (IOException e) {
                // an unreadable /usr/lib/jvm leaves the other homes
            }
        }
        return inHomes(homes);
    }

    /** The JDKs among {@code homes}: directories with a {@code release} file and an executable {@code bin/java}. */
    static JavaRuntimes inHomes(List<Path> homes) {
        Set<Path> seen = new LinkedHashSet<>();
        List<Jdk> found = new ArrayList<>();
        for (Path home : homes) {
            Optional<Jdk> jdk = read(home);
            if (jdk.isPresent() && seen.add(jdk.get().home())) {
                found.add(jdk.get());
            }
        }
        return new JavaRuntimes(found);
    }

    private static Optional<Jdk> read(Path home) {
        try {
            Path real = home.toRealPath();
            Path release = real.resolve("release");
            if (!Files.isRegularFile(release) || !Files.isExecutable(real.resolve("bin").resolve("java"))) {
                return Optional.empty();
            }
            Matcher version = RELEASE_VERSION.matcher(Files.readString(release));
            if (!version.find()) {
                return Optional.empty();
            }
            return Optional.of(new Jdk(real, feature(version.group(1)), version.group(1)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** "1.8.0_402" → 8, "17.0.15" → 17, "25" → 25. */
    static int feature(String version) {
        String[] parts = version.split("[.+_-]");
        int first = Integer.parseInt(parts[0]);
        return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
    }

    /** Whether {@code runtime} names a Lambda Java runtime. */
    public static boolean isJava(String runtime) {
        return runtime != null && JAVA_RUNTIME.matcher(runtime).matches();
    }

    static int wantedFeature(String runtime) {
        Matcher m = JAVA_RUNTIME.matcher(runtime);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Lambda Java runtime: " + runtime);
        }
        return Integer.parseInt(m.group(1));
    }

    public List<Jdk> jdks() {
        return jdks;
    }

    /** The JDK of {@code runtime}'s version, else the nearest newer one; empty when the machine has neither. */
    public synchronized Optional<Choice> choose(String runtime) {
        Choice known = choices.get(runtime);
        if (known != null) {
            return Optional.of(known);
        }
        int wanted = wantedFeature(runtime);
        Optional<Choice> choice = jdks.stream().filter(j -> j.feature() >= wanted).findFirst()
                .map(jdk -> new Choice(runtime, jdk, jdk.feature() == wanted));
        choice.ifPresent(c -> choices.put(runtime, c));
        return choice;
    }

    /** What a runtime the machine cannot serve needs, in one line. */
    public String missing(String runtime) {
        return "no JDK " + wantedFeature(runtime) + " or newer on this machine (found "
                + (jdks.isEmpty() ? "none" : String.join(", ", jdks.stream().map(j -> "JDK " + j.version() + " in " + j.home()).toList()))
                + "); install one under /usr/lib/jvm or set JAVA_HOME";
    }
}
