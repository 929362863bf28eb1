package io.tradeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/**
 * When the launcher uses its start-up cache ({@code cache_fits} in {@code scripts/java-runtime.sh},
 * which {@code bin/tradeflow} calls): only when the cache is newer than the runtime's modules and
 * its default class data archive. A JVM refuses a cache recorded against another runtime without
 * a word, and every later start would then load its classes from the jar. Runs the script itself
 * in bash, on a JDK made of empty files.
 */
class StartupCacheTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "java-runtime.sh");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;
    private Path java;
    private Path modules;
    private Path archive;
    private Path cache;

    @BeforeEach
    void jdk() throws IOException {
        Path home = dir.resolve("jdk");
        java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        modules = at(Files.createDirectories(home.resolve("lib")).resolve("modules"), 0);
        archive = at(Files.createDirectories(home.resolve("lib/server")).resolve("classes.jsa"), 0);
        cache = at(dir.resolve("tradeflow-job-local.jsa"), 60);
    }

    @Test
    void aCacheRecordedAfterTheRuntimeFits() throws Exception {
        assertThat(fits()).isTrue();
    }

    @Test
    void aNewDefaultArchiveOrUpdatedModulesMakeItStale() throws Exception {
        at(archive, 120); // java -Xshare:dump after the cache was recorded
        assertThat(fits()).isFalse();
        at(archive, 0);
        at(modules, 120); // the JDK updated
        assertThat(fits()).isFalse();
        at(cache, 180); // recorded anew
        assertThat(fits()).isTrue();
    }

    @Test
    void aRuntimeWithoutADefaultArchiveIsJudgedByItsModules() throws Exception {
        Files.delete(archive);
        assertThat(fits()).isTrue();
        at(modules, 120);
        assertThat(fits()).isFalse();
    }

    @Test
    void theJavaIsFoundThroughItsLinks() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("java"), java);
        at(archive, 120);
        assertThat(fits(link)).isFalse();
        at(archive, 0);
        assertThat(fits(link)).isTrue();
    }

    private boolean fits() throws Exception {
        return fits(java);
    }

    private boolean fits(Path javaPath) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", ". \"$0\" && cache_fits \"$1\" \"$2\"",
                SCRIPT.toString(), javaPath.toString(), cache.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    /** Creates the file if need be and sets its modification time to T0 + seconds. */
    private static Path at(Path file, long seconds) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        Files.setLastModifiedTime(file, FileTime.from(T0.plusSeconds(seconds)));
        return file;
    }
}
