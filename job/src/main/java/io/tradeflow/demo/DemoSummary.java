package io.tradeflow.demo;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a demo run did, for the terminal and for tests.
 *
 * @param runId the {@code run_id} of every row the run wrote
 * @param jdbcUrl where the rows are (valid while the demo keeps running)
 * @param webUiUrl the Flink web UI of the run
 * @param webUiFallback whether the requested web UI port was busy and a random one was used
 * @param bars, recommendations, vixQuotes the generated inputs (recommendations with duplicates)
 * @param vixCrossings VIX quotes crossing up through the 28 threshold in the generated data
 * @param decisionsByReason decision counts by {@code "outcome reason"}
 * @param realizedPnl realized P&amp;L of closed positions, by account
 * @param tableRows the run's rows in each table the job wrote, counted before shutdown
 * @param jobMillis the Flink run (migrations, job, collect), wall time
 * @param wallMillis the whole demo up to the summary (services, data, job), wall time
 * @param servicesClosed whether PostgreSQL, Kafka and the Flink cluster were shut down on return
 */
public record DemoSummary(
        String runId,
        String jdbcUrl,
        String webUiUrl,
        boolean webUiFallback,
        int bars,
        int recommendations,
        int vixQuotes,
        int vixCrossings,
        int decisions,
        long acts,
        long skips,
        Map<String, Long> decisionsByReason,
        int orders,
        Map<String, Long> ordersByStatus,
        int fills,
        int positions,
        Map<String, BigDecimal> realizedPnl,
        int deadLetters,
        Map<String, Long> deadLettersByReason,
        Map<String, Long> tableRows,
        long jobMillis,
        long wallMillis,
        boolean servicesClosed) {

    public DemoSummary {
        decisionsByReason = sorted(decisionsByReason);
        ordersByStatus = sorted(ordersByStatus);
        realizedPnl = sorted(realizedPnl);
        deadLettersByReason = sorted(deadLettersByReason);
        tableRows = Collections.unmodifiableMap(new LinkedHashMap<>(tableRows));
    }

    private static <V> Map<String, V> sorted(Map<String, V> m) {
        return Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
