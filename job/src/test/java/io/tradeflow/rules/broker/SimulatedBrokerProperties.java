package io.tradeflow.rules.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Order;
import io.tradeflow.rules.BrokerParams;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** Properties of the simulated broker's fills (R-ORD-1 limits, R-ORD-4 markets). */
@Label("R-ORD-1, R-ORD-4 simulated broker fills properties")
class SimulatedBrokerProperties {
    private static final long T0 = 1_736_952_300_000L;

    private static Order order(String side, String type, Double limit) {
        return new Order("o", "a", "d", "o", "T", side, type, 1, limit, T0, Order.NEW, "r", T0);
    }

    @Property
    void aBuyLimitFillsExactlyWhenTheLowReachesItAndNeverAboveIt(
            @ForAll @DoubleRange(min = 1, max = 1_000) double limit,
            @ForAll @DoubleRange(min = 1, max = 1_000) double low,
            @ForAll @DoubleRange(min = 0, max = 1) double openAt,
            @ForAll @DoubleRange(min = 0, max = 100) double range) {
        double high = low + range;
        Bar b = new Bar("T", T0 + 60_000, low + openAt * range, high, low, low, 1);
        Double fill = SimulatedBroker.fillPrice(order("buy", Order.LIMIT, limit), b,
                BrokerParams.DEFAULT);

        assertThat(fill != null).isEqualTo(low <= limit);
        if (fill != null) {
            assertThat(fill).isLessThanOrEqualTo(limit).isBetween(low, high);
        }
    }

    @Property
    void aSellLimitFillsExactlyWhenTheHighReachesItAndNeverBelowIt(
            @ForAll @DoubleRange(min = 1, max = 1_000) double limit,
            @ForAll @DoubleRange(min = 1, max = 1_000) double low,
            @ForAll @DoubleRange(min = 0, max = 1) double openAt,
            @ForAll @DoubleRange(min = 0, max = 100) double range) {
        double high = low + range;
        Bar b = new Bar("T", T0 + 60_000, low + openAt * range, high, low, low, 1);
        Double fill = SimulatedBroker.fillPrice(order("sell", Order.LIMIT, limit), b,
                BrokerParams.DEFAULT);

        assertThat(fill != null).isEqualTo(high >= limit);
        if (fill != null) {
            assertThat(fill).isGreaterThanOrEqualTo(limit).isBetween(low, high);
        }
    }

    @Property
    void marketSlippageAlwaysCostsTheTaker(
            @ForAll @DoubleRange(min = 1, max = 10_000) double open,
            @ForAll @DoubleRange(min = 0, max = 50) double bps) {
        BrokerParams costs = new BrokerParams(bps, 0.005);
        Bar b = new Bar("T", T0 + 60_000, open, open, open, open, 1);
        double buy = SimulatedBroker.fillPrice(order("buy", Order.MARKET, null), b, costs);
        double sell = SimulatedBroker.fillPrice(order("sell", Order.MARKET, null), b, costs);

        assertThat(buy).isGreaterThanOrEqualTo(sell);
        assertThat(buy).isCloseTo(open * (1 + bps / 10_000), within(0.00005 + 1e-9));
        assertThat(sell).isCloseTo(open * (1 - bps / 10_000), within(0.00005 + 1e-9));
    }
}
