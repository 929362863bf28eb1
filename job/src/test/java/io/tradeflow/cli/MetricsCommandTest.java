package io.tradeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code tradeflow metrics}: the R-MET-1 metrics of a daily equity curve as JSON. */
class MetricsCommandTest {

    static Path file(String name, String text) throws Exception {
        return Files.writeString(Files.createDirectories(Path.of("target", "cli", "metrics"))
                .resolve(name), text);
    }

    @Test
    void printsTheMetricsOfDailyClosesAsJson() throws Exception {
        // daily returns 2, −1, 3, 0.5, −2, 4 % (PerformanceMetricsTest's hand-computed example)
        Path in = file("equity.csv", """
                date,equity
                2025-03-03,100
                2025-03-04,102
                2025-03-05,100.98
                2025-03-06,104.0094
                2025-03-07,104.529447
                2025-03-10,102.43885806
                2025-03-11,106.5364123824
                """);

        CliTest.Result r = CliTest.run("metrics", "--equity", in.toString());

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("start_date").asText()).isEqualTo("2025-03-03");
        assertThat(j.get("end_date").asText()).isEqualTo("2025-03-11");
        assertThat(j.get("daily_returns").asInt()).isEqualTo(6);
        assertThat(j.get("total_return").asDouble()).isCloseTo(0.065364123824, within(1e-9));
        assertThat(j.get("sharpe").asDouble()).isCloseTo(7.3721881, within(1e-6));
        assertThat(j.get("sortino").asDouble()).isCloseTo(18.8387898, within(1e-6));
        assertThat(j.get("volatility").asDouble()).isCloseTo(0.3703107, within(1e-6));
        assertThat(j.get("max_drawdown").asDouble()).isCloseTo(0.02, within(1e-9));
        assertThat(j.get("current_drawdown").asDouble()).isCloseTo(0, within(1e-9));
        // 8 days (2025-03-03 16:00 EST → 03-11 16:00 EDT, less the DST hour)
        double years = (8 - 1 / 24.0) / 365.25;
        assertThat(j.get("cagr").asDouble()).isCloseTo(Math.pow(1.065364123824, 1 / years) - 1,
                within(1e-6));
    }

    @Test
    void undefinedRatiosAreNull() throws Exception {
        Path in = file("flat.csv", "date,equity\n2025-03-03,100\n2025-03-04,100\n");

        CliTest.Result r = CliTest.run("metrics", "--equity", in.toString());

        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("sharpe").isNull()).isTrue();
        assertThat(j.get("volatility").asDouble()).isZero();
        assertThat(j.get("max_drawdown").asDouble()).isZero();
    }

    @Test
    void datesOutOfOrderOrABadValueAreUsageErrorsNamingTheLine() throws Exception {
        Path order = file("order.csv", "date,equity\n2025-03-04,100\n2025-03-04,101\n");
        Path value = file("value.csv", "date,equity\n2025-03-04,100\n2025-03-05,-1\n");

        CliTest.Result a = CliTest.run("metrics", "--equity", order.toString());
        CliTest.Result b = CliTest.run("metrics", "--equity", value.toString());

        assertThat(a.code()).isEqualTo(2);
        assertThat(a.err()).contains(order + " line 3: date 2025-03-04 is not after the previous "
                + "row's 2025-03-04");
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err()).contains(value + " line 3: equity '-1' is not a number > 0");
    }
}
