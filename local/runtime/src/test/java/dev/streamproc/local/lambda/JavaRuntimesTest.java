package dev.streamproc.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A function's Lambda Java runtime picks its own JDK version, else the nearest newer one on the machine. */
class JavaRuntimesTest {

    @TempDir
    Path jvms;

    @Test
    void theSameVersionWhenTheMachineHasIt() throws IOException {
        JavaRuntimes jdks = JavaRuntimes.inHomes(List.of(jdk("jdk-17", "17.0.15"), jdk("jdk-21", "21.0.4"), jdk("jdk-25", "25.0.1")));

        JavaRuntimes.Choice choice = jdks.choose("java21").orElseThrow();

        assertThat(choice.jdk().feature()).isEqualTo(21);
        assertThat(choice.exact()).isTrue();
        assertThat(choice.jdk().java()).isEqualTo(jvms.resolve("jdk-21/bin/java").toRealPath());
    }

    @Test
    void theNearestNewerVersionOtherwiseNeverAnOlderOne() throws IOException {
        JavaRuntimes jdks = JavaRuntimes.inHomes(List.of(jdk("jdk-25", "25.0.1"), jdk("jdk-17", "17.0.15"), jdk("jdk-11", "11.0.2")));

        assertThat(jdks.choose("java21").orElseThrow().jdk().feature()).isEqualTo(25);
        assertThat(jdks.choose("java21").orElseThrow().exact()).isFalse();
        assertThat(jdks.choose("java21").orElseThrow().note())
                .isEqualTo("java21 functions run on JDK 25.0.1 (" + jvms.resolve("jdk-25").toRealPath() + "): no JDK 21 on this machine");
        assertThat(jdks.choose("java8.al2").orElseThrow().jdk().feature()).isEqualTo(11);
        assertThat(jdks.choose("java17").orElseThrow().jdk().feature()).isEqualTo(17);
    }

    @Test
    void noJdkNewEnoughIsSaidWithWhatWasFound() throws IOException {
        JavaRuntimes jdks = JavaRuntimes.inHomes(List.of(jdk("jdk-17", "17.0.15")));

        assertThat(jdks.choose("java25")).isEmpty();
        assertThat(jdks.missing("java25")).startsWith("no JDK 25 or newer on this machine (found JDK 17.0.15 in ");
    }

    @Test
    void symlinkedHomesCountOnceAndFoldersWithoutAJavaAreSkipped() throws IOException {
        Path real = jdk("java-17-openjdk-amd64", "17.0.15");
        Path link = Files.createSymbolicLink(jvms.resolve("java-1.17.0-openjdk-amd64"), real);
        Path notAJdk = Files.createDirectories(jvms.resolve("openjdk-17"));
        Files.writeString(notAJdk.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");

        assertThat(JavaRuntimes.inHomes(List.of(real, link, notAJdk)).jdks()).hasSize(1);
    }

    @Test
    void versionsOfEveryEra() {
        assertThat(JavaRuntimes.feature("1.8.0_402")).isEqualTo(8);
        assertThat(JavaRuntimes.feature("17.0.15")).isEqualTo(17);
        assertThat(JavaRuntimes.feature("25")).isEqualTo(25);
        assertThat(JavaRuntimes.isJava("java21")).isTrue();
        assertThat(JavaRuntimes.isJava("python3.12")).isFalse();
        assertThatThrownBy(() -> JavaRuntimes.wantedFeature("nodejs20.x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thisMachinesOwnJvmIsAmongItsJdks() {
        int own = Runtime.version().feature();

        assertThat(JavaRuntimes.ofThisMachine().jdks()).anyMatch(j -> j.feature() == own);
    }

    private Path jdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(jvms.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
