package io.tradeflow.rules.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RiskParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Examples of R-POS-1: at most {@code maxOpenPositions} (10) open positions. */
@DisplayName("R-POS-1 max open positions")
class MaxOpenPositionsTest {

    @ParameterizedTest(name = "{0} open of at most {1} ⇒ pass {2}")
    @CsvSource({
        "0, 10, true",
        "9, 10, true",
        "10, 10, false",
        "11, 10, false",
        "0, 1, true",
        "1, 1, false",
        "0, 0, false",
    })
    void passesWhileFewerThanTheMaximumAreOpen(int open, int max, boolean pass) {
        GateResult g = EntryGates.maxOpenPositions(open, max);

        assertThat(g.pass()).isEqualTo(pass);
        assertThat(g.failed()).isEqualTo(!pass);
        assertThat(g.rule()).isEqualTo("R-POS-1");
    }

    @Test
    void tellsTheCountAndTheLimitInTheDetail() {
        int max = RiskParams.SWING.maxOpenPositions();

        assertThat(EntryGates.maxOpenPositions(10, max).detail())
                .isEqualTo("10 open positions reach the maximum of 10");
        assertThat(EntryGates.maxOpenPositions(9, max).detail())
                .isEqualTo("9 open positions, below the maximum of 10");
    }
}
