package io.tradeflow.rules.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.RuleKeys;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.gates.GateResult;
import io.tradeflow.rules.stops.Levels;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Examples of R-MICRO-1: at most 3 % of the active pool and 10 a day, stop 1.0 × ATR, target 1.5
 * × the stop distance, closed after 2 hours.
 */
@DisplayName("R-MICRO-1 micro-trading")
class MicroTradesTest {
    private static final ExitParams E = ExitParams.DEFAULTS;
    private static final double TOL = 1e-9;
    private static final long T0 = 1_736_952_300_000L; // 2025-01-15T09:45-05:00

    @Test
    void isOffByDefault() {
        assertThat(E.microEnabled()).isFalse();
        GateResult g = MicroTrades.allows(E.microEnabled(), 0, E);

        assertThat(g.failed()).isTrue();
        assertThat(g.rule()).isEqualTo("R-MICRO-1");
    }

    @Test
    void allowsTheTenthMicroTradeOfTheDayButNotTheEleventh() {
        assertThat(MicroTrades.allows(true, 9, E).pass()).isTrue();
        GateResult g = MicroTrades.allows(true, 10, E);

        assertThat(g.failed()).isTrue();
        assertThat(g.detail()).isEqualTo("10 micro-trades today, limit 10");
    }

    @Test
    void capsAMicroTradeAtThreePercentOfTheActivePool() {
        assertThat(MicroTrades.maxDollars(100_000, E)).isCloseTo(3_000, within(TOL));
        assertThat(MicroTrades.maxDollars(-5, E)).isZero();
        // 3 000 at 100 = 30 shares; a smaller sized entry is kept
        assertThat(MicroTrades.capQuantity(50, 100, 100_000, E)).isEqualTo(30);
        assertThat(MicroTrades.capQuantity(20, 100, 100_000, E)).isEqualTo(20);
        assertThat(MicroTrades.capQuantity(0, 100, 100_000, E)).isZero();
        assertThat(MicroTrades.capQuantity(50, 0, 100_000, E)).isZero();
        // 3 % of 1 000 = 30 at 0.1: exactly 300 shares despite binary rounding
        assertThat(MicroTrades.capQuantity(1_000, 0.1, 1_000, E)).isEqualTo(300);
    }

    @Test
    void setsTheStopOneAtrAwayAndTheTargetOneAndAHalfStops() {
        Levels l = MicroTrades.levels(true, 100, 2.0, E, RuleParams.INTRADAY);
        Levels s = MicroTrades.levels(false, 100, 2.0, E, RuleParams.INTRADAY);

        assertThat(l.stop()).isCloseTo(98, within(TOL));
        assertThat(l.target()).isCloseTo(103, within(TOL));
        assertThat(l.rule()).isEqualTo("R-MICRO-1");
        assertThat(s.stop()).isCloseTo(102, within(TOL));
        assertThat(s.target()).isCloseTo(97, within(TOL));
    }

    @Test
    void fallsBackToTheProfilePercentageWhenAtrIsUnknown() {
        // swing 8 %: stop 92, target 112
        Levels l = MicroTrades.levels(true, 100, null, E, RuleParams.SWING);

        assertThat(l.stop()).isCloseTo(92, within(TOL));
        assertThat(l.target()).isCloseTo(112, within(TOL));
        assertThat(l.rule()).isEqualTo("R-STOP-2");
    }

    @Test
    void closesTwoHoursAfterOpening() {
        assertThat(MicroTrades.closeAt(T0, E)).isEqualTo(T0 + 7_200_000);
        ExitParams e = RuleKeys.set(RuleParams.INTRADAY, "micro-max-hold", "45m").exits();
        assertThat(MicroTrades.closeAt(T0, e)).isEqualTo(T0 + 2_700_000);
    }
}
