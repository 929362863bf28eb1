package io.tradeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's choice of JIT for a backtest in a JVM of its own ({@code backtest_jit_flags} in
 * {@code scripts/java-runtime.sh}, which {@code bin/tradeflow} calls): on at most two cores, C1
 * alone for bar files under 128 MB and C2 with a smaller inlining budget above; the default on
 * more cores; {@code TRADEFLOW_JIT} over all of it. Runs the script itself in bash.
 */
class BacktestJitTest {
    private static final String C1 = "-XX:TieredStopAtLevel=1";
    private static final String LEAN = "-XX:FreqInlineSize=100 -XX:InlineSmallCode=1000";
    private static final Path SCRIPT = Path.of("..", "scripts", "java-runtime.sh");

    @TempDir
    Path dir;
    /** Bar files of the 50-ticker month's size and of the synthetic market's. */
    private Path small;
    private Path big;

    @BeforeEach
    void barFiles() throws IOException {
        small = file("small.csv", 47L << 20);
        big = file("big.csv", 250L << 20);
    }

    @Test
    void shortBacktestOnTwoCoresRunsOnC1Alone() throws Exception {
        assertThat(flags("auto", 2, "--bars", small.toString())).isEqualTo(C1);
        assertThat(flags("auto", 1, "--bars=" + small, "--runtime-mode", "STREAMING"))
                .isEqualTo(C1);
    }

    @Test
    void largeInputsRunOnALeanC2AndMoreCoresOnTheDefault() throws Exception {
        assertThat(flags("auto", 2, "--bars", big.toString())).isEqualTo(LEAN);
        assertThat(flags("auto", 8, "--bars", small.toString())).isEmpty();
        assertThat(flags("auto", 8, "--bars", big.toString())).isEmpty();
        // every bar file counts: two of 70 MB are over the bound, one is not
        Path a = file("a.csv", 70L << 20);
        Path b = file("b.csv", 70L << 20);
        assertThat(flags("auto", 2, "--bars", a.toString())).isEqualTo(C1);
        assertThat(flags("auto", 2, "--bars", a.toString(), "--bars=" + b)).isEqualTo(LEAN);
    }

    @Test
    void compressedBarsCountFiveTimesTheirSize() throws Exception {
        assertThat(flags("auto", 2, "--bars", file("m.csv.gz", 20L << 20).toString()))
                .isEqualTo(C1);
        assertThat(flags("auto", 2, "--bars", file("l.csv.gz", 30L << 20).toString()))
                .isEqualTo(LEAN);
    }

    @Test
    void theVariableDecidesOverTheSize() throws Exception {
        assertThat(flags("c1", 8, "--bars", big.toString())).isEqualTo(C1);
        assertThat(flags("lean", 8, "--bars", small.toString())).isEqualTo(LEAN);
        assertThat(flags("tiered", 2, "--bars", small.toString())).isEmpty();
    }

    @Test
    void anUnknownModeIsRefusedWithTheChoices() throws Exception {
        Process p = bash("nonsense", 2, "--bars", file("x.csv", 1).toString());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(err).contains("TRADEFLOW_JIT is auto, c1, lean or tiered, not nonsense");
    }

    @Test
    void missingFilesCountNothing() throws Exception {
        // the command itself reports a missing file; the launcher only sizes what is there
        assertThat(flags("auto", 2, "--bars", dir.resolve("absent.csv").toString()))
                .isEqualTo(C1);
    }

    private String flags(String mode, int cores, String... args) throws Exception {
        Process p = bash(mode, cores, args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return out.trim();
    }

    private Process bash(String mode, int cores, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                ". \"$0\" && backtest_jit_flags \"$@\"", SCRIPT.toString(), mode,
                Integer.toString(cores)));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).start();
    }

    /** A sparse file of {@code size} bytes: its size is what the launcher reads. */
    private Path file(String name, long size) throws IOException {
        Path f = Files.createFile(dir.resolve(name));
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(size);
        }
        return f;
    }
}
