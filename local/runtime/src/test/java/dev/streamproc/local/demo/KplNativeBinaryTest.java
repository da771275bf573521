package dev.streamproc.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KplNativeBinaryTest {

    static final String ENTRY = "amazon-kinesis-producer-native-binaries/linux-x86_64/kinesis_producer";

    @TempDir
    Path dir;

    @Test
    void extractsTheBinaryOnceBesideTheJarAsAnExecutableAndReusesIt() throws IOException {
        Path jar = jar("producer-lambda.jar", ENTRY, "#!/bin/sh\necho kpl\n");

        Path binary = KplNativeBinary.extractBeside(jar, ENTRY).orElseThrow();
        assertThat(binary).startsWith(dir.resolve("kpl-native")).hasFileName("kinesis_producer");
        assertThat(Files.readString(binary)).isEqualTo("#!/bin/sh\necho kpl\n");
        assertThat(Files.isExecutable(binary)).isTrue();

        Files.setLastModifiedTime(binary, FileTime.fromMillis(1_000_000L));
        assertThat(KplNativeBinary.extractBeside(jar, ENTRY)).contains(binary);
        assertThat(Files.getLastModifiedTime(binary).toMillis()).as("not written again").isEqualTo(1_000_000L);
        try (var files = Files.list(binary.getParent())) {
            assertThat(files).as("no partial copy left behind").containsExactly(binary);
        }
    }

    @Test
    void aJarWithAnotherBinaryGetsItsOwnCopy() throws IOException {
        Path first = KplNativeBinary.extractBeside(jar("a.jar", ENTRY, "one"), ENTRY).orElseThrow();
        Path second = KplNativeBinary.extractBeside(jar("b.jar", ENTRY, "two!"), ENTRY).orElseThrow();

        assertThat(second).isNotEqualTo(first);
        assertThat(Files.readString(first)).isEqualTo("one");
        assertThat(Files.readString(second)).isEqualTo("two!");
    }

    @Test
    void aJarWithoutTheKplLeavesTheKplToItself() throws IOException {
        // the PutRecords producer's jar has no KPL
        assertThat(KplNativeBinary.extractBeside(jar("put-records.jar", "dev/Other.class", "x"), ENTRY)).isEmpty();
        assertThat(KplNativeBinary.extractBeside(dir.resolve("missing.jar"), ENTRY)).isEmpty();
    }

    @Test
    void namesTheKplsEntryForLinuxOnX86AndArm() {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        if (os.contains("linux") && arch.equals("amd64")) {
            assertThat(KplNativeBinary.entryForThisMachine()).contains(ENTRY);
        } else if (os.contains("linux") && arch.equals("aarch64")) {
            assertThat(KplNativeBinary.entryForThisMachine()).contains("amazon-kinesis-producer-native-binaries/linux-aarch64/kinesis_producer");
        } else {
            assertThat(KplNativeBinary.entryForThisMachine()).isEmpty();
        }
    }

    private Path jar(String name, String entry, String content) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }
}
