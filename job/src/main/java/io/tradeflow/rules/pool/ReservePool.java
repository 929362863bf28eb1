package io.tradeflow.rules.pool;

import io.tradeflow.rules.Fractions;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Computes the reserve pool's movements and the pools it splits the portfolio into (R-POOL-1,
 * R-POOL-2, R-POOL-4, R-POOL-5). Booked money is {@link BigDecimal} at scale {@value #SCALE},
 * {@link RoundingMode#HALF_EVEN}; portfolio values are marks, in {@code double}.
 */
public final class ReservePool {
    public static final String SIPHON_RULE = "R-POOL-1";
    public static final String ACTIVE_POOL_RULE = "R-POOL-2";
    public static final String EMERGENCY_RULE = "R-POOL-4";
    public static final String HIGH_WATER_RULE = "R-POOL-5";
    public static final int SCALE = 4;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private ReservePool() {}

    /**
     * R-POOL-1: returns the share of a realized profit that moves to the reserve, {@code profit ×
     * pct}; 0 for a loss, a break-even or a {@code null} profit, and for a pct that is not
     * positive.
     */
    public static BigDecimal siphon(BigDecimal realizedProfit, double pct) {
        if (realizedProfit == null || realizedProfit.signum() <= 0 || !(pct > 0)) {
            return ZERO;
        }
        return realizedProfit.multiply(BigDecimal.valueOf(pct)).setScale(SCALE, ROUNDING);
    }

    /** R-POOL-1: returns the reserve balance after a movement (negative amounts release). */
    public static BigDecimal balanceAfter(BigDecimal balanceBefore, BigDecimal amount) {
        return balanceBefore.add(amount).setScale(SCALE, ROUNDING);
    }

    /**
     * R-POOL-2: returns the active pool, portfolio value minus reserve, subtracted in decimal and
     * rounded once to the nearest {@code double}: {@code 0.3 − 0.1} is {@code 0.2}, not {@code
     * 0.19999999999999998}, so an active pool equal to the R-POOL-3 minimum passes that gate.
     */
    public static double activePool(double portfolioValue, double reserve) {
        if (!Double.isFinite(portfolioValue) || !Double.isFinite(reserve)) {
            return portfolioValue - reserve;
        }
        return BigDecimal.valueOf(portfolioValue).subtract(BigDecimal.valueOf(reserve))
                .doubleValue();
    }

    /**
     * Returns the reserve as a fraction of the portfolio value (R-RISK-1 metric), 0 when the value
     * is ≤ 0; computed in decimal ({@link Fractions#ratio}) so an exact 20 % reads as {@code 0.2}.
     */
    public static double reservePct(double reserve, double portfolioValue) {
        return portfolioValue > 0 ? Fractions.ratio(reserve, 0, portfolioValue) : 0;
    }

    /**
     * Returns the drawdown from the high-water mark (R-POOL-4, R-RISK-1 metric), 0 when the mark
     * is ≤ 0 or reached; computed in decimal ({@link Fractions#ratio}) so an exact 15 % reads as
     * {@code 0.15} and does not cross a strict limit of 15 %.
     */
    public static double drawdown(double highWater, double value) {
        if (!(highWater > 0) || value >= highWater) {
            return 0;
        }
        return Fractions.ratio(highWater, value, highWater);
    }

    /** R-POOL-4: returns whether the drawdown is strictly beyond {@code limit}. */
    public static boolean emergency(double highWater, double value, double limit) {
        if (!(highWater > 0) || value >= highWater) {
            return 0 > limit;
        }
        return Fractions.exceeds(highWater, value, highWater, limit);
    }

    /** R-POOL-5: returns whether the reserve is strictly more than {@code pct} of the value. */
    public static boolean highWaterAlert(double reserve, double value, double pct) {
        return Fractions.exceeds(reserve, 0, value, pct);
    }
}
