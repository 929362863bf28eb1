package io.tradeflow.job;

import static io.tradeflow.job.BadInputData.BARS;
import static io.tradeflow.job.BadInputData.RECS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.Decision;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.parse.Reasons;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.testing.EmbeddedPostgresExtension;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Bad input never stops the job and is never lost (DESIGN § 6): for each dead-letter reason, a run
 * over the good files plus one bad line completes, writes exactly one dead letter with that reason
 * and the line's file and number, and writes the same decisions, orders, fills and positions as
 * the run over the good files alone. STREAMING from files, so the sources end by themselves.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class BadInputITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(2);

    static final Path DIR = Path.of("target", "bad-input");
    static final List<String> RESULT_TABLES =
            List.of("trading_decisions", "orders", "fills", "positions");
    /** Where single bad lines go: mid-morning of day 1 (bars), the middle of the 40 recs. */
    static final int BAR_LINE = 600;
    static final int REC_LINE = 20;

    static final BadInputData DATA = new BadInputData(11);
    static JdbcSettings pg;
    static Map<String, List<String>> baselineRows;

    /**
     * One kind of bad line.
     *
     * @param id the run id
     * @param make builds the bad line from the good line above it
     */
    record Case(String id, String reason, String what, String file, UnaryOperator<String> make) {
        @Override
        public String toString() {
            return reason + ": " + what;
        }

        /** Whether the source parser rejects it (file and line), not the ticker stage. */
        boolean byParser() {
            return !Reasons.DUPLICATE.equals(reason);
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("malformed_json", Reasons.MALFORMED_JSON,
                        "a recommendation line that is not JSON", RECS,
                        above -> "{\"id\":\"rec-broken\",\"ticker\":\"AAPL\",\"action\":"),
                new Case("missing_field", Reasons.MISSING_FIELD,
                        "a signed recommendation without ticker", RECS,
                        BadInputData.resigned("rec-bad-missing", o -> {
                            o.remove("ticker");
                            return o;
                        })),
                new Case("invalid_value", Reasons.INVALID_VALUE,
                        "a signed recommendation with confidence 1.7", RECS,
                        BadInputData.resigned("rec-bad-confidence", o -> o.put("confidence", 1.7))),
                new Case("unknown_account", Reasons.UNKNOWN_ACCOUNT,
                        "a signed recommendation for account 'nobody'", RECS,
                        BadInputData.resigned("rec-bad-account", o -> o.put("account", "nobody"))),
                new Case("r-sig-6-tampered", Reasons.BAD_SIGNATURE,
                        "a recommendation whose id was changed after signing", RECS,
                        BadInputData.tampered("rec-tampered")),
                new Case("r-sig-6-unsigned", Reasons.BAD_SIGNATURE,
                        "a recommendation without signature", RECS,
                        BadInputData.unsigned("rec-unsigned")),
                new Case("malformed_csv", Reasons.MALFORMED_CSV, "a bar line with 5 columns", BARS,
                        above -> String.join(",", Arrays.copyOf(above.split(","), 5))),
                new Case("non_finite_price", Reasons.NON_FINITE_PRICE, "a bar with close NaN",
                        BARS, BadInputData.barCell(5, "NaN")),
                new Case("non_positive_price", Reasons.NON_POSITIVE_PRICE, "a bar with open 0",
                        BARS, BadInputData.barCell(2, "0")),
                new Case("high_below_low", Reasons.HIGH_BELOW_LOW, "a bar with high below low",
                        BARS, BadInputData.highBelowLow()),
                new Case("negative_volume", Reasons.NEGATIVE_VOLUME, "a bar with volume -100",
                        BARS, BadInputData.barCell(6, "-100")),
                new Case("unknown_ticker", Reasons.UNKNOWN_TICKER,
                        "a bar for ZZZZ, in no universe", BARS, BadInputData.barCell(0, "ZZZZ")),
                new Case("timestamp_in_future", Reasons.TIMESTAMP_IN_FUTURE,
                        "a bar dated 2099", BARS,
                        BadInputData.barCell(1, "2099-01-02T10:00:00-05:00")),
                new Case("late", Reasons.LATE,
                        "a bar 10 minutes older than the line above (bound 100 ms)", BARS,
                        BadInputData.tenMinutesBefore()),
                new Case("duplicate", Reasons.DUPLICATE,
                        "a second bar for the ticker and time above, larger volume", BARS,
                        BadInputData.duplicateSortingAfter()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badLineBecomesADeadLetterAndChangesNothingElse(Case c) throws Exception {
        Map<String, List<String>> expected = baseline();
        int line = BARS.equals(c.file()) ? BAR_LINE : REC_LINE;
        BadInputData.Injection injection = new BadInputData.Injection(c.file(), line, c.make());
        Pipeline.Files files = DATA.write(DIR.resolve(c.id()), List.of(injection));
        String badLine = Files.readAllLines(DIR.resolve(c.id()).resolve(c.file())).get(line - 1);

        Collected run = run(files, c.id());

        String source = c.file();
        String position = Integer.toString(line);
        if (!c.byParser()) { // the ticker stage names a bar by ticker and time
            Bar bar = BadInputData.bar(badLine);
            source = "bars";
            position = bar.ticker() + "@" + MarketTime.iso(bar.ts());
        }
        List<Map<String, Object>> rows = EmbeddedPostgresExtension.query(pg,
                "SELECT source, position, reason, payload FROM dead_letters WHERE run_id = '"
                        + c.id() + "'");
        assertThat(rows).as("dead letters of " + c.id()).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row).containsEntry("reason", c.reason()).containsEntry("source", source)
                .containsEntry("position", position);
        if (c.byParser()) {
            assertThat(row).containsEntry("payload", badLine);
        } else {
            assertThat((String) row.get("payload")).contains(
                    "\"volume\":" + BadInputData.bar(badLine).volume());
        }
        assertThat(run.deadLetters()).extracting(DeadLetter::reason).containsExactly(c.reason());
        sameResults(c.id(), expected);
    }

    @Test
    @DisplayName("many bad lines of every kind at once: counted per reason, results unchanged")
    void manyBadLinesAtOnce() throws Exception {
        Map<String, List<String>> expected = baseline();
        List<BadInputData.Injection> injections = new ArrayList<>();
        Map<String, Long> perReason = new TreeMap<>();
        List<String> parserPlaces = new ArrayList<>();
        int bar = 0;
        int rec = 0;
        for (Case c : cases()) {
            boolean isBar = BARS.equals(c.file());
            int k = isBar ? bar++ : rec++;
            // each kind twice: on day 1 and on day 2 (bars of day 2 start at line 1172)
            for (int day = 0; day < 2; day++) {
                int line = isBar ? 100 + 1150 * day + 70 * k : 3 + 3 * (2 * k + day);
                injections.add(new BadInputData.Injection(c.file(), line, c.make()));
                perReason.merge(c.reason(), 1L, Long::sum);
                if (c.byParser()) {
                    parserPlaces.add(c.file() + ":" + line);
                }
            }
        }
        Pipeline.Files files = DATA.write(DIR.resolve("many"), injections);

        Collected run = run(files, "many");

        Map<String, Long> inPostgres = new TreeMap<>();
        EmbeddedPostgresExtension.query(pg, "SELECT reason, count(*) AS n FROM dead_letters "
                        + "WHERE run_id = 'many' GROUP BY reason")
                .forEach(r -> inPostgres.put((String) r.get("reason"), (Long) r.get("n")));
        assertThat(inPostgres).isEqualTo(perReason);
        assertThat(run.deadLettersByReason()).isEqualTo(perReason);
        assertThat(perReason.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(injections.size()).isEqualTo(30);
        // every line the parsers rejected is named by its file and line number
        List<String> places = EmbeddedPostgresExtension.query(pg, "SELECT source, position "
                        + "FROM dead_letters WHERE run_id = 'many' AND reason <> 'duplicate'")
                .stream().map(r -> r.get("source") + ":" + r.get("position")).sorted().toList();
        assertThat(places).hasSize(28).isEqualTo(parserPlaces.stream().sorted().toList());
        sameResults("many", expected);
    }

    /** Runs the job over the files in STREAMING mode, writing under {@code runId}. */
    private static Collected run(Pipeline.Files files, String runId) throws Exception {
        Collected c = Runs.run(DATA.config, Runs.Inputs.files(files, DATA.config),
                RuntimeExecutionMode.STREAMING, new Configuration(), pg, runId, "backtest", null);
        System.out.printf("bad input %s: %d decisions, %d orders, %d dead letters %s, %d ms%n",
                runId, c.decisions().size(), c.orders().size(), c.deadLetters().size(),
                c.deadLettersByReason(), c.wallMillis());
        return c;
    }

    /** Asserts the run's result tables equal the baseline's, row for row. */
    private static void sameResults(String runId, Map<String, List<String>> expected) {
        for (String table : RESULT_TABLES) {
            assertThat(EmbeddedPostgresExtension.rows(pg, table, runId))
                    .as(table + " of " + runId + " vs the baseline").isEqualTo(expected.get(table));
        }
    }

    /** Runs the good files once (on first use: the cluster is up from the first test on). */
    private static synchronized Map<String, List<String>> baseline() throws Exception {
        if (baselineRows == null) {
            pg = EmbeddedPostgresExtension.freshDatabase("bad_input");
            Collected base = run(DATA.write(DIR.resolve("baseline"), List.of()), "baseline");
            // the good input exercises the engine and is clean
            assertThat(base.deadLetters()).isEmpty();
            assertThat(base.decisions()).extracting(Decision::decision)
                    .contains(Decision.ACT, Decision.SKIP);
            assertThat(base.orders()).isNotEmpty();
            assertThat(base.fills()).isNotEmpty();
            Map<String, List<String>> rows = new LinkedHashMap<>();
            for (String table : RESULT_TABLES) {
                rows.put(table, EmbeddedPostgresExtension.rows(pg, table, "baseline"));
            }
            assertThat(rows.get("trading_decisions")).hasSize(base.decisions().size());
            assertThat(EmbeddedPostgresExtension.rows(pg, "dead_letters", "baseline")).isEmpty();
            baselineRows = rows;
        }
        return baselineRows;
    }
}
