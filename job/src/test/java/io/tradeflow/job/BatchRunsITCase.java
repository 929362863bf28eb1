package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

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
        ResultFiles.write(DIR.resolve("out-sorted"), "runs", "BATCH", inOrder);
        ResultFiles.write(DIR.resolve("out-mixed"), "runs", "BATCH", anyOrder);
        for (String file : ParityITCase.FILES) {
            String expected = Files.readString(DIR.resolve("out-sorted").resolve(file));
            assertThat(expected).as(file + " has its header").isNotEmpty();
            assertThat(Files.readString(DIR.resolve("out-mixed").resolve(file)))
                    .as(file + ": files in no order vs in order").isEqualTo(expected);
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
