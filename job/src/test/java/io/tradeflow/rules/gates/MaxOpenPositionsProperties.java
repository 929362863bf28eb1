package io.tradeflow.rules.gates;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

/**
 * Seed Property 18: an entry is refused at the maximum of open positions (R-POS-1), so a
 * portfolio whose entries pass this gate never holds more than the maximum.
 */
@Label("R-POS-1 maximum open positions properties")
class MaxOpenPositionsProperties {

    @Property
    void passesIffBelowTheMaximum(@ForAll @IntRange(min = 0, max = 50) int open,
            @ForAll @IntRange(min = 0, max = 30) int max) {
        GateResult g = EntryGates.maxOpenPositions(open, max);

        assertThat(g.pass()).isEqualTo(open < max);
        assertThat(g.rule()).isEqualTo("R-POS-1");
    }

    /** Replays entries (true) and exits (false); entries go through the gate, exits never do. */
    @Property
    void aGatedPortfolioNeverExceedsTheMaximum(@ForAll @IntRange(min = 0, max = 15) int max,
            @ForAll @Size(max = 200) List<Boolean> entries) {
        int open = 0;
        for (boolean entry : entries) {
            if (entry) {
                boolean pass = EntryGates.maxOpenPositions(open, max).pass();
                assertThat(pass).isEqualTo(open < max);
                if (pass) {
                    open++;
                }
            } else if (open > 0) {
                open--;
            }
            assertThat(open).isBetween(0, max);
        }
    }
}
