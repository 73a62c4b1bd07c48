package ink.ml.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupCacheTest {
    private static final Runtime.Version JDK_17 = Runtime.Version.parse("17.0.15+6");
    private static final Runtime.Version JDK_25 = Runtime.Version.parse("25.0.1+8");

    @TempDir Path quarkusApp;

    @Test
    void aFirstStartOnJdk25TrainsAnAotCacheAndTheNextStartReadsIt() throws IOException {
        Path jar = jarBuiltAt(Instant.now().minusSeconds(60));
        StartupCache cache = new StartupCache(JDK_25);
        Path training = quarkusApp.resolve("training-mcpdeploy-startup-25.0.1_8.aot");

        assertThat(cache.jvmOptions(jar)).containsExactly("-XX:AOTCacheOutput=" + training);

        Files.writeString(training, "cache");
        cache.keep(jar, true);

        Path kept = quarkusApp.resolve("mcpdeploy-startup-25.0.1_8.aot");
        assertThat(training).doesNotExist();
        assertThat(kept).hasContent("cache");
        assertThat(cache.trains(jar)).isFalse();
        assertThat(cache.jvmOptions(jar)).containsExactly("-XX:AOTCache=" + kept);
    }

    @Test
    void beforeJdk25ItIsADynamicAppCdsArchive() throws IOException {
        Path jar = jarBuiltAt(Instant.now().minusSeconds(60));
        StartupCache cache = new StartupCache(JDK_17);
        Path training = quarkusApp.resolve("training-mcpdeploy-startup-17.0.15_6.jsa");

        assertThat(cache.jvmOptions(jar)).containsExactly("-XX:ArchiveClassesAtExit=" + training);

        Files.writeString(training, "archive");
        cache.keep(jar, true);

        assertThat(cache.jvmOptions(jar))
                .containsExactly(
                        "-XX:SharedArchiveFile="
                                + quarkusApp.resolve("mcpdeploy-startup-17.0.15_6.jsa"));
    }

    @Test
    void whatAKilledServiceWroteIsDeletedNeverRead() throws IOException {
        Path jar = jarBuiltAt(Instant.now().minusSeconds(60));
        StartupCache cache = new StartupCache(JDK_25);
        Path training = quarkusApp.resolve("training-mcpdeploy-startup-25.0.1_8.aot");
        Files.writeString(training, "half a cache");
        Path recorded = quarkusApp.resolve(training.getFileName() + ".config");
        Files.writeString(recorded, "what the training recorded");
        assertThat(cache.trains(jar)).isTrue();

        cache.keep(jar, false);

        assertThat(training).doesNotExist();
        assertThat(recorded).doesNotExist();
        assertThat(cache.cacheOf(jar)).doesNotExist();
        assertThat(cache.jvmOptions(jar)).containsExactly("-XX:AOTCacheOutput=" + training);
    }

    @Test
    void anEmptyFileIsNotACache() throws IOException {
        Path jar = jarBuiltAt(Instant.now().minusSeconds(60));
        StartupCache cache = new StartupCache(JDK_25);
        Files.createFile(quarkusApp.resolve("training-mcpdeploy-startup-25.0.1_8.aot"));

        cache.keep(jar, true);

        assertThat(cache.cacheOf(jar)).doesNotExist();
    }

    @Test
    void aRebuiltServiceTrainsAgain() throws IOException {
        Path jar = jarBuiltAt(Instant.now().minusSeconds(60));
        StartupCache cache = new StartupCache(JDK_25);
        Files.writeString(cache.cacheOf(jar), "cache of the old build");
        assertThat(cache.jvmOptions(jar).get(0)).startsWith("-XX:AOTCache=");

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(cache.jvmOptions(jar).get(0)).startsWith("-XX:AOTCacheOutput=");
    }

    @Test
    void anotherJvmHasACacheOfItsOwn() throws IOException {
        Path jar = jarBuiltAt(Instant.now().minusSeconds(60));

        assertThat(new StartupCache(JDK_25).cacheOf(jar))
                .isNotEqualTo(new StartupCache(Runtime.Version.parse("25.0.2+10")).cacheOf(jar));
    }

    /**
     * The JVM running this test trains a cache from a jar, as a service's first start does, and a
     * second start of the same jar loads its main class from that cache.
     */
    @Test
    void thisJvmWritesTheCacheAtExitAndTheNextStartLoadsItsClassesFromIt() throws Exception {
        Path jar = traineeJar();
        StartupCache cache = StartupCache.ofThisJvm();

        Run training = run(cache.jvmOptions(jar), jar);
        assertThat(training.output()).contains("trainee ran");
        cache.keep(jar, training.exitCode() == 0);
        assertThat(cache.cacheOf(jar)).isRegularFile();

        List<String> reading = new ArrayList<>(cache.jvmOptions(jar));
        assertThat(reading.get(0)).doesNotContain("Output", "AtExit");
        reading.add("-Xlog:class+load=info");
        Run second = run(reading, jar);

        assertThat(second.exitCode()).isZero();
        assertThat(second.output())
                .containsPattern(
                        "ink\\.ml\\.deploy\\.local\\.StartupCacheTrainee source: (shared objects"
                                + " file|AOT cache)");
    }

    private Path jarBuiltAt(Instant time) throws IOException {
        Path jar = Files.writeString(quarkusApp.resolve("quarkus-run.jar"), "jar");
        Files.setLastModifiedTime(jar, FileTime.from(time));
        return jar;
    }

    /** A runnable jar of {@link StartupCacheTrainee}: CDS archives classes from jars only. */
    private Path traineeJar() throws IOException {
        Path jar = quarkusApp.resolve("quarkus-run.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes()
                .put(Attributes.Name.MAIN_CLASS, StartupCacheTrainee.class.getName());
        String entry = StartupCacheTrainee.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream classFile =
                        StartupCacheTrainee.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        return jar;
    }

    private static Run run(List<String> jvmOptions, Path jar) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    private record Run(int exitCode, String output) {}
}
