package io.tradeflow.rules.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Order;
import io.tradeflow.rules.BrokerParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Examples of the simulated broker: limit entries (R-ORD-1) fill at or through the limit on a later
 * bar, market exits (R-ORD-4) at the open moved by slippage; commission per share.
 */
@DisplayName("R-ORD-1, R-ORD-4 simulated broker fills")
class SimulatedBrokerTest {
    private static final long T0 = 1_736_952_300_000L; // 2025-01-15T14:45:00Z
    private static final long NEXT = T0 + 60_000;
    private static final BrokerParams COSTS = BrokerParams.DEFAULT; // 1 bps, 0.005 / share

    private static Order limit(String side, double limitPrice) {
        return new Order("e-1", "acct-1", "d-1", "e-1", "AAPL", side, Order.LIMIT, 10, limitPrice,
                T0, Order.NEW, "R-ORD-1", T0);
    }

    private static Order market(String side) {
        return new Order("x-1", "acct-1", "d-1", "e-1", "AAPL", side, Order.MARKET, 10, null, T0,
                Order.NEW, "R-STOP-3", T0);
    }

    private static Bar bar(long ts, double open, double high, double low) {
        return new Bar("AAPL", ts, open, high, low, (high + low) / 2, 1_000);
    }

    @Test
    void neverFillsOnABarEndingAtOrBeforeTheOrder() {
        assertThat(SimulatedBroker.fillPrice(limit("buy", 100), bar(T0, 99, 101, 98), COSTS))
                .isNull();
        assertThat(SimulatedBroker.fillPrice(limit("buy", 100), bar(T0 - 60_000, 99, 101, 98),
                COSTS)).isNull();
        assertThat(SimulatedBroker.fillPrice(market("sell"), bar(T0, 99, 101, 98), COSTS))
                .isNull();
        assertThat(SimulatedBroker.fillPrice(market("sell"), bar(T0 + 1, 99, 101, 98), COSTS))
                .isNotNull();
    }

    @Test
    void neverFillsOnAnotherTickersBar() {
        Bar msft = new Bar("MSFT", NEXT, 99, 101, 98, 100, 1_000);

        assertThat(SimulatedBroker.fillPrice(limit("buy", 100), msft, COSTS)).isNull();
        assertThat(SimulatedBroker.fillPrice(market("buy"), msft, COSTS)).isNull();
    }

    @Test
    void fillsABuyLimitWhenTheLowTouchesIt() {
        // open above the limit: fills at the limit
        assertThat(SimulatedBroker.fillPrice(limit("buy", 100), bar(NEXT, 100.5, 101, 100.0),
                COSTS)).isEqualTo(100.0);
    }

    @Test
    void holdsABuyLimitWhenTheLowStaysOneCentAbove() {
        assertThat(SimulatedBroker.fillPrice(limit("buy", 100), bar(NEXT, 100.5, 101, 100.01),
                COSTS)).isNull();
    }

    @Test
    void fillsABuyLimitAtTheOpenAfterAGapDown() {
        assertThat(SimulatedBroker.fillPrice(limit("buy", 100), bar(NEXT, 99.0, 99.5, 98.5),
                COSTS)).isEqualTo(99.0);
    }

    @Test
    void fillsASellLimitWhenTheHighTouchesIt() {
        assertThat(SimulatedBroker.fillPrice(limit("sell", 100), bar(NEXT, 99.5, 100.0, 99),
                COSTS)).isEqualTo(100.0);
    }

    @Test
    void holdsASellLimitWhenTheHighStaysOneCentBelow() {
        assertThat(SimulatedBroker.fillPrice(limit("sell", 100), bar(NEXT, 99.5, 99.99, 99),
                COSTS)).isNull();
    }

    @Test
    void fillsASellLimitAtTheOpenAfterAGapUp() {
        assertThat(SimulatedBroker.fillPrice(limit("sell", 100), bar(NEXT, 101.0, 101.5, 100.5),
                COSTS)).isEqualTo(101.0);
    }

    @Test
    void fillsAMarketBuyAtTheOpenPlusSlippage() {
        // 100 × (1 + 1 bps) = 100.01
        assertThat(SimulatedBroker.fillPrice(market("buy"), bar(NEXT, 100, 101, 99), COSTS))
                .isEqualTo(100.01);
        // 123.4567 + 0.01234567 = 123.46904567 ⇒ 4 dp 123.4690
        assertThat(SimulatedBroker.fillPrice(market("buy"), bar(NEXT, 123.4567, 124, 123),
                COSTS)).isEqualTo(123.469);
    }

    @Test
    void fillsAMarketSellAtTheOpenMinusSlippage() {
        assertThat(SimulatedBroker.fillPrice(market("sell"), bar(NEXT, 100, 101, 99), COSTS))
                .isEqualTo(99.99);
        // 123.4567 − 0.01234567 = 123.44435433 ⇒ 4 dp 123.4444
        assertThat(SimulatedBroker.fillPrice(market("sell"), bar(NEXT, 123.4567, 124, 123),
                COSTS)).isEqualTo(123.4444);
    }

    @Test
    void fillsAMarketOrderAtTheOpenWithoutSlippage() {
        BrokerParams free = new BrokerParams(0, 0);

        assertThat(SimulatedBroker.fillPrice(market("buy"), bar(NEXT, 42.42, 43, 42), free))
                .isEqualTo(42.42);
        assertThat(SimulatedBroker.fillPrice(market("sell"), bar(NEXT, 42.42, 43, 42), free))
                .isEqualTo(42.42);
    }

    @Test
    void fillsAMarketOrderWhateverTheRange() {
        // a market order does not look at high or low: a doji fills too
        assertThat(SimulatedBroker.fillPrice(market("buy"), bar(NEXT, 50, 50, 50), COSTS))
                .isEqualTo(50.005);
    }

    @Test
    void chargesCommissionPerShare() {
        assertThat(SimulatedBroker.commission(100, COSTS)).isEqualTo(0.5);
        assertThat(SimulatedBroker.commission(333, COSTS)).isEqualTo(1.665);
        assertThat(SimulatedBroker.commission(1, COSTS)).isEqualTo(0.005);
        assertThat(SimulatedBroker.commission(0, COSTS)).isZero();
        assertThat(SimulatedBroker.commission(7, new BrokerParams(1, 0.0035))).isEqualTo(0.0245);
    }
}
