package io.tradeflow.rules.stops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.stops.StopPolicy.PositionRisk;
import io.tradeflow.rules.stops.StopPolicy.StopTightening;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Examples of R-STOP-7: above 80 % of the tier's max heat, the stops of the lowest-confidence
 * positions tighten first, just enough, never past the entry or the mark. A portfolio of 100 000
 * with the moderate max heat of 10 % tightens above 8 000 of heat.
 */
@DisplayName("R-STOP-7 proactive stop tightening at 80 % heat")
class HeatTighteningTest {
    private static final ExitParams E = ExitParams.DEFAULTS;
    private static final double PV = 100_000;
    private static final double MAX_HEAT = 0.10;
    private static final double TOL = 1e-9;

    /** 40 000 long at 100, stop 90: heat 4 000. */
    private static PositionRisk a(double mark) {
        return new PositionRisk("AAA", true, 0.70, 40_000, 100, 90, mark);
    }

    /** 40 000 long at 50 with a stop: heat 40 000 × (50 − stop) / 50. */
    private static PositionRisk b(double stop) {
        return new PositionRisk("BBB", true, 0.90, 40_000, 50, stop, 52);
    }

    private static List<StopTightening> tighten(PositionRisk... ps) {
        return StopPolicy.tightenForHeat(List.of(ps), PV, MAX_HEAT, E);
    }

    @Test
    void leavesStopsAloneWithHeatExactlyAtEightyPercentOfTheMax() {
        // 4 000 + 4 000 = 8 000 = 0.8 × 0.10 × 100 000
        assertThat(StopPolicy.heatLimit(PV, MAX_HEAT, E)).isEqualTo(8_000);
        assertThat(tighten(a(105), b(45))).isEmpty();
    }

    @Test
    void tightensTheLowestConfidenceStopJustEnough() {
        // B's stop 44: heat 4 000 + 4 800 = 8 800; A (0.70) gives 800: stop 92, heat 3 200
        List<StopTightening> t = tighten(b(44), a(105));

        assertThat(t).hasSize(1);
        assertThat(t.get(0).ticker()).isEqualTo("AAA");
        assertThat(t.get(0).previousStop()).isEqualTo(90);
        assertThat(t.get(0).stop()).isCloseTo(92, within(TOL));
        assertThat(t.get(0).heat()).isCloseTo(3_200, within(TOL));
        assertThat(t.get(0).rule()).isEqualTo("R-STOP-7");
    }

    @Test
    void movesToTheNextPositionOnceTheFirstIsAtBreakeven() {
        // B's stop 30: heat 4 000 + 16 000 = 20 000; A to 100 (0 heat), B gives 8 000: stop 40
        List<StopTightening> t = tighten(a(105), b(30));

        assertThat(t).extracting(StopTightening::ticker).containsExactly("AAA", "BBB");
        assertThat(t.get(0).stop()).isEqualTo(100);
        assertThat(t.get(1).stop()).isCloseTo(40, within(TOL));
    }

    @Test
    void neverMovesALongStopPastItsMark() {
        // A's mark 95 is below its entry: its stop goes no higher than 95 (heat 2 000 left)
        List<StopTightening> t = tighten(a(95), b(30));

        assertThat(t.get(0).stop()).isEqualTo(95);
        assertThat(t.get(0).heat()).isCloseTo(2_000, within(TOL));
        assertThat(t.get(1).stop()).isCloseTo(42.5, within(TOL)); // 6 000 left for B
    }

    @Test
    void mirrorsAShort() {
        // short 40 000 at 100, stop 110 (heat 4 000), mark 98; B's stop 44 (heat 4 800)
        PositionRisk s = new PositionRisk("SSS", false, 0.60, 40_000, 100, 110, 98);
        List<StopTightening> t = tighten(s, b(44));

        assertThat(t).hasSize(1);
        assertThat(t.get(0).stop()).isCloseTo(108, within(TOL));
    }

    @Test
    void breaksConfidenceTiesByTicker() {
        // heat 4 000 + 4 000 + 4 800 = 12 800: AAA gives its 4 000 first, ZZZ the last 800
        PositionRisk z = new PositionRisk("ZZZ", true, 0.70, 40_000, 100, 90, 105);
        List<StopTightening> t = tighten(z, a(105), b(44));

        assertThat(t).extracting(StopTightening::ticker).containsExactly("AAA", "ZZZ");
        assertThat(t.get(0).stop()).isEqualTo(100);
        assertThat(t.get(1).stop()).isCloseTo(92, within(TOL));
    }

    @Test
    void returnsWhatItCouldWhenEveryStopIsAtItsLimit() {
        // both marks below their entries: A to 95 (heat 2 000), B to 35 (heat 12 000); heat
        // 14 000 stays above 8 000, as low as the rule can bring it
        PositionRisk bb = new PositionRisk("BBB", true, 0.90, 40_000, 50, 30, 35);
        List<StopTightening> t = tighten(a(95), bb);

        assertThat(t).extracting(StopTightening::stop).containsExactly(95.0, 35.0);
        assertThat(t.get(1).heat()).isCloseTo(12_000, within(TOL));
    }

    @Test
    void neverLoosensAStopAlreadyBeyondItsBound() {
        // A's stop 101 is past its entry: it stays; B pays the whole excess
        PositionRisk above = new PositionRisk("AAA", true, 0.10, 40_000, 100, 101, 105);
        List<StopTightening> t = tighten(above, b(30));

        assertThat(t).extracting(StopTightening::ticker).containsExactly("BBB");
    }

    @Test
    void doesNothingForAnEmptyPortfolio() {
        assertThat(StopPolicy.tightenForHeat(List.of(), PV, MAX_HEAT, E)).isEmpty();
        assertThat(StopPolicy.tightenForHeat(List.of(a(105)), 0, MAX_HEAT, E)).isEmpty();
    }
}
