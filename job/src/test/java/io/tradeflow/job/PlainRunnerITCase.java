package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.engine.PlainRunner;
import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Fill;
import io.tradeflow.event.Order;
import io.tradeflow.io.config.TradeflowConfig;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account logic runs without Flink: the plain runner, fed the account inputs the job's
 * routing produces, makes the same decisions, orders (final states) and fills as the BATCH job —
 * and BATCH equals STREAMING ({@link ParityITCase}), so all three agree.
 */
class PlainRunnerITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(2);

    private static final Comparator<Decision> DECISION_ORDER = Comparator
            .comparingLong(Decision::ts).thenComparing(Decision::account)
            .thenComparing(Decision::id);
    private static final Comparator<Fill> FILL_ORDER = Comparator.comparingLong(Fill::ts)
            .thenComparing(Fill::account).thenComparing(Fill::clientOrderId);
    private static final Comparator<Order> ORDER_ORDER = Comparator
            .comparing(Order::clientOrderId);

    @Test
    @DisplayName("plain runner = BATCH on the parity data: decisions, orders, fills")
    void plainRunnerDecidesAsTheJob() throws Exception {
        ParityData data = new ParityData(42);
        TradeflowConfig cfg = data.config;
        Pipeline.Files files = data.write(Path.of("target", "plain-runner"), false, 0);
        Collected batch = Runs.run(cfg, Runs.Inputs.files(files, cfg), RuntimeExecutionMode.BATCH,
                new Configuration(), null, "plain-batch", "backtest", null);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(Pipeline.flinkConfiguration(cfg, RuntimeExecutionMode.BATCH));
        List<AccountInput> inputs = new ArrayList<>();
        try (CloseableIterator<AccountInput> it = Topology.accountInputs(Runs.Inputs
                .files(files, cfg).build(env, Pipeline.parseContext(cfg, ParityData.SECRET)),
                cfg.engine(), true).executeAndCollect()) {
            it.forEachRemaining(inputs::add);
        }
        PlainRunner.Result plain = new PlainRunner(cfg.engine()).run(inputs);

        List<Decision> decisions = new ArrayList<>();
        Map<String, Order> orders = new LinkedHashMap<>();
        List<Fill> fills = new ArrayList<>();
        for (AccountOutput o : plain.all()) {
            switch (o.kind()) {
                case AccountOutput.DECISION -> decisions.add(o.decision());
                case AccountOutput.ORDER -> orders.put(o.order().clientOrderId(), o.order());
                case AccountOutput.FILL -> fills.add(o.fill());
                default -> { }
            }
        }
        assertThat(batch.decisions()).hasSizeGreaterThan(1000);
        assertThat(batch.fills()).isNotEmpty();
        assertThat(sorted(decisions, DECISION_ORDER))
                .containsExactlyElementsOf(sorted(batch.decisions(), DECISION_ORDER));
        assertThat(sorted(new ArrayList<>(orders.values()), ORDER_ORDER))
                .containsExactlyElementsOf(sorted(batch.orders(), ORDER_ORDER));
        assertThat(sorted(fills, FILL_ORDER))
                .containsExactlyElementsOf(sorted(batch.fills(), FILL_ORDER));
        assertThat(plain.rejectedFills()).isEmpty();
    }

    private static <T> List<T> sorted(List<T> list, Comparator<T> order) {
        List<T> copy = new ArrayList<>(list);
        copy.sort(order);
        return copy;
    }
}
