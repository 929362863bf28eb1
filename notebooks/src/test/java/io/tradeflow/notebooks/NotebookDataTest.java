package io.tradeflow.notebooks;

import io.tradeflow.notebooks.DailyUniverse.DailyBar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The notebooks' data helpers: where the shared data are, the daily universe, the momentum rule. */
class NotebookDataTest {

    @Test
    void sharedDataComesFromTheEnvironmentElseBesideTheRepositoryRoot(@TempDir Path tmp)
            throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("clone"));
        Files.createDirectories(repo.resolve("job"));
        Path notebooks = Files.createDirectories(repo.resolve("notebooks"));

        assertThat(SharedData.dir(Map.of("TRADEFLOW_DATA", "/data/here"), notebooks))
                .isEqualTo(Path.of("/data/here"));
        assertThat(SharedData.dir(Map.of(), notebooks)).isEqualTo(tmp.resolve("shared/data"));
        assertThat(SharedData.dir(Map.of(), repo)).isEqualTo(tmp.resolve("shared/data"));
    }

    @Test
    void loadKeepsTheMostTradedTickersOfEachSectorAndDropsBadRows(@TempDir Path tmp)
            throws Exception {
        Path daily = tmp.resolve("daily.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(daily))) {
            out.write(String.join("\n",
                    "date,open,high,low,close,volume,Name",
                    "2016-01-04,10,11,9,10.5,1000,AAA",
                    "2016-01-04,20,21,19,20.5,1000,BBB",
                    "2016-01-04,30,31,29,30.5,1000,CCC",
                    "2016-01-05,10,11,9,10.5,,AAA",          // empty field
                    "2016-01-05,20,20.1,19,20.5,1000,BBB",   // high below the close
                    "2016-01-05,30,31,29,30.5,1000,CCC",
                    "2015-12-31,99,99,99,99,99999,AAA",      // outside the range
                    "").getBytes(StandardCharsets.UTF_8));
        }
        Path sectors = Files.writeString(tmp.resolve("sectors.csv"),
                "ticker,sector,source\nAAA,Tech,x\nBBB,Tech,x\nCCC,Energy,x\n");

        DailyUniverse u = DailyUniverse.load(daily, sectors, LocalDate.of(2016, 1, 1),
                LocalDate.of(2016, 12, 31), 1);

        assertThat(u.sectors()).isEqualTo(Map.of("BBB", "Tech", "CCC", "Energy"));
        assertThat(u.bars()).extracting(DailyBar::ticker).containsExactly("BBB", "CCC", "CCC");
        assertThat(u.source()).contains("2 bad rows dropped");
        List<String> lines = Files.readAllLines(u.writeBars(tmp.resolve("out.csv")));
        assertThat(lines.get(0)).isEqualTo("date,open,high,low,close,volume,Name");
        assertThat(lines.get(1)).isEqualTo("2016-01-04,20.0,21.0,19.0,20.5,1000,BBB");
        assertThat(Files.readAllLines(u.writeSectors(tmp.resolve("s.csv"))))
                .containsExactly("ticker,sector", "BBB,Tech", "CCC,Energy");
    }

    @Test
    void generatedBarsAreDeterministicWeekdaysAndCorrelateWithinASector() {
        DailyUniverse a = DailyUniverse.generate(7, LocalDate.of(2016, 1, 1),
                LocalDate.of(2016, 12, 31), 3, 2);
        DailyUniverse b = DailyUniverse.generate(7, LocalDate.of(2016, 1, 1),
                LocalDate.of(2016, 12, 31), 3, 2);

        assertThat(a).isEqualTo(b);
        assertThat(a.tickers()).hasSize(6);
        assertThat(a.bars()).hasSize(6 * 261)
                .allSatisfy(x -> assertThat(x.date().getDayOfWeek())
                        .isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))
                .allSatisfy(x -> assertThat(x.high()).isGreaterThanOrEqualTo(
                        Math.max(x.open(), x.close())));
        Map<String, List<DailyBar>> by = a.byTicker();
        double same = correlation(by.get("S0T0"), by.get("S0T1"));
        double other = correlation(by.get("S0T0"), by.get("S1T0"));
        assertThat(same).isGreaterThan(other + 0.15);
    }

    @Test
    void momentumSignalsComeTheNextSessionAtTheirTimeAtTheSignalClose() {
        DailyUniverse u = DailyUniverse.generate(3, LocalDate.of(2016, 1, 1),
                LocalDate.of(2016, 12, 31), 4, 3);

        List<Momentum.Signal> signals = Momentum.standard().signals(u);

        assertThat(signals).isNotEmpty();
        Map<String, List<DailyBar>> by = u.byTicker();
        for (Momentum.Signal s : signals) {
            List<DailyBar> bars = by.get(s.ticker());
            int i = 0;
            while (!bars.get(i).date().equals(s.signalDate())) {
                i++;
            }
            assertThat(s.sentAt().toLocalDate()).isEqualTo(bars.get(i + 1).date());
            assertThat(s.sentAt().toLocalTime()).isEqualTo(LocalTime.of(15, 30));
            assertThat(s.price()).isEqualTo(bars.get(i).close());
            assertThat(s.momentum()).isGreaterThanOrEqualTo(0.05);
            assertThat(s.confidence()).isBetween(0.7, 0.95);
            assertThat(s.json().get("generated_at").asText()).startsWith(
                    s.sentAt().toLocalDate() + "T15:30");
        }
        assertThat(signals).isSortedAccordingTo(
                java.util.Comparator.comparing(Momentum.Signal::sentAt));
    }

    private static double correlation(List<DailyBar> x, List<DailyBar> y) {
        int n = x.size() - 1;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.log(x.get(i + 1).close() / x.get(i).close());
            b[i] = Math.log(y.get(i + 1).close() / y.get(i).close());
        }
        double ma = java.util.Arrays.stream(a).average().orElse(0);
        double mb = java.util.Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
