package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.io.LineChunks;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.TradeflowConfig;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * BATCH sends bars to the ticker stage and ticks to the accounts in runs ({@link BarRuns},
 * {@link TickRuns}). A file in no order at all makes short runs that overlap in time (a ticker's
 * day cut by other days' bars): the stages still handle every event at its own time, so the
 * results equal those of the file in order, byte for byte.
 */
class BatchRunsITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(2);

    static final Path DIR = Path.of("target", "batch-runs");

    @Test
    @DisplayName("BATCH from files in no order = BATCH from files in time order")
    void runsOfAnyOrderDecideAlike() throws Exception {
        ParityData data = new ParityData(42);
        Pipeline.Files sorted = data.write(DIR.resolve("sorted"), false, 0);
        Pipeline.Files mixed = data.write(DIR.resolve("mixed"), false, 0);
        Random r = new Random(11);
        permute(mixed.bars().get(0), true, r);
        permute(mixed.recommendations().get(0), false, r);
        permute(mixed.vix().get(0), false, r);

        Collected inOrder = Runs.run(data.config, Runs.Inputs.files(sorted, data.config),
                RuntimeExecutionMode.BATCH, new Configuration(), null, "sorted", "backtest", null);
        Collected anyOrder = Runs.run(data.config, Runs.Inputs.files(mixed, data.config),
                RuntimeExecutionMode.BATCH, new Configuration(), null, "mixed", "backtest", null);

        assertThat(inOrder.decisions()).hasSizeGreaterThan(200);
        assertThat(inOrder.fills()).isNotEmpty();
        assertThat(anyOrder.barsHandled()).isEqualTo(inOrder.barsHandled());
        sameFiles(inOrder, "sorted", anyOrder, "mixed");
    }

    @Test
    @DisplayName("BATCH reading a bar file in chunks with two readers = with one reader")
    void chunksReadInParallelDecideAlike() throws Exception {
        ParityData data = new ParityData(42);
        Pipeline.Files files = data.write(DIR.resolve("chunks"), false, 0);
        // the parity data's config reads 64 KB chunks; one chunk holds the whole file
        TradeflowConfig whole = ConfigLoader.parse(ConfigLoader.toJson(data.config),
                List.of("input.read-chunk-bytes=" + (1 << 30)));
        Path bars = files.bars().get(0);
        List<String> lines = Files.readAllLines(bars);
        assertThat(LineChunks.scan(bars, data.config.input().readChunkBytes()).size())
                .isGreaterThan(4);

        Collected chunked = Runs.run(data.config, Runs.Inputs.files(files, data.config),
                RuntimeExecutionMode.BATCH, new Configuration(), null, "chunked", "backtest",
                null);
        Collected oneReader = Runs.run(whole, Runs.Inputs.files(files, whole),
                RuntimeExecutionMode.BATCH, new Configuration(), null, "whole", "backtest", null);

        assertThat(chunked.barsHandled()).isEqualTo(lines.size() - 1);
        sameFiles(oneReader, "whole", chunked, "chunked");
    }

    /** Writes both runs' result files and asserts them byte for byte equal. */
    private static void sameFiles(Collected expected, String expectedName, Collected actual,
            String actualName) throws Exception {
        Path want = DIR.resolve("out-" + expectedName);
        Path got = DIR.resolve("out-" + actualName);
        ResultFiles.write(want, "runs", "BATCH", expected);
        ResultFiles.write(got, "runs", "BATCH", actual);
        for (String file : ParityITCase.FILES) {
            String text = Files.readString(want.resolve(file));
            assertThat(text).as(file + " has its header").isNotEmpty();
            assertThat(Files.readString(got.resolve(file)))
                    .as(file + ": " + actualName + " vs " + expectedName).isEqualTo(text);
        }
    }

    /** Puts a file's data lines in a random order (the header, if any, stays first). */
    private static void permute(Path file, boolean header, Random r) throws Exception {
        List<String> lines = Files.readAllLines(file);
        List<String> data = new ArrayList<>(header ? lines.subList(1, lines.size()) : lines);
        Collections.shuffle(data, r);
        List<String> out = new ArrayList<>();
        if (header) {
            out.add(lines.get(0));
        }
        out.addAll(data);
        Files.write(file, out);
    }
}
