package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A large result file of an earlier run is renamed aside and deleted on a thread of its own
 * ({@link OldFiles}); a small one stays to be overwritten in place; nothing is left behind.
 */
class OldFilesTest {

    @Test
    void aLargeFileIsMovedAsideAndDeleted(@TempDir Path dir) throws Exception {
        Path file = sized(dir.resolve("decisions.csv"), OldFiles.LARGE);
        Thread deleting = OldFiles.setAside(file);

        assertThat(deleting).isNotNull();
        assertThat(file).doesNotExist();
        deleting.join();
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aSmallOrAbsentFileStays(@TempDir Path dir) throws Exception {
        Path small = sized(dir.resolve("orders.csv"), OldFiles.LARGE - 1);

        assertThat(OldFiles.setAside(small)).isNull();
        assertThat(small).exists();
        assertThat(OldFiles.setAside(dir.resolve("fills.csv"))).isNull();
    }

    @Test
    void resultFilesReplaceALargeFileOfAnEarlierRun(@TempDir Path dir) throws Exception {
        sized(dir.resolve("decisions.csv"), OldFiles.LARGE);
        ResultFiles.write(dir, "run", "BATCH", new Collected.Builder().build(0, 0, 0));

        assertThat(Files.readString(dir.resolve("decisions.csv"))).startsWith("id,run_id,");
    }

    private static Path sized(Path file, long bytes) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes); // sparse: its size is what counts
        }
        return file;
    }
}
