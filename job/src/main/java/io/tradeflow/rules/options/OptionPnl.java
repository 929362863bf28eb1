package io.tradeflow.rules.options;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Books an option trade (R-OPT-3): cash and P&L are premium × multiplier × contracts, and the
 * commission is per contract on each leg ({@code broker.commission-per-contract}); amounts in
 * BigDecimal of scale 4, HALF_EVEN.
 */
public final class OptionPnl {
    public static final int SCALE = 4;

    private OptionPnl() {}

    /** Returns the cash of one leg before commission: premium × multiplier × contracts. */
    public static BigDecimal notional(double premium, long contracts, int multiplier) {
        return BigDecimal.valueOf(premium).multiply(BigDecimal.valueOf(contracts))
                .multiply(BigDecimal.valueOf(multiplier)).setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    /** Returns the commission of one leg: contracts × commission per contract. */
    public static BigDecimal commission(long contracts, double perContract) {
        return BigDecimal.valueOf(perContract).multiply(BigDecimal.valueOf(contracts))
                .setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * Returns the realized P&L of a round trip: (exit − entry) premium × multiplier × contracts,
     * less the commission of both legs.
     */
    public static BigDecimal realized(double entryPremium, double exitPremium, long contracts,
            int multiplier, double perContract) {
        return notional(exitPremium, contracts, multiplier)
                .subtract(notional(entryPremium, contracts, multiplier))
                .subtract(commission(contracts, perContract).multiply(BigDecimal.valueOf(2)));
    }
}
