package io.tradeflow.rules.tiers;

import io.tradeflow.rules.Fractions;
import io.tradeflow.rules.RiskParams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Moves an account's risk tier at each market close (R-RISK-1): one step down when the win rate
 * is below {@code downgradeWinRate} or the drawdown above {@code downgradeDrawdown}; otherwise one
 * step up when the win rate is above {@code upgradeWinRate}, the reserve above {@code
 * upgradeReservePct} and the drawdown below {@code upgradeDrawdown}; never past either end. All
 * comparisons are strict; a missing win rate (no closed trades) neither downgrades nor upgrades.
 */
public final class RiskTierController {
    public static final String RULE = "R-RISK-1";
    public static final String DOWNGRADE = RULE + ":downgrade";
    public static final String UPGRADE = RULE + ":upgrade";
    public static final String HOLD = "hold";
    /** The reason of the move to conservative on an emergency release. */
    public static final String EMERGENCY = "R-POOL-4";

    /** The tiers from the most careful to the most aggressive. */
    public static final List<String> ORDER = List.of("conservative", "moderate", "aggressive");

    private RiskTierController() {}

    /** One closed trade: when it closed (event time) and whether it made money. */
    public record TradeOutcome(long closedTs, boolean win) {}

    /**
     * The metrics of one evaluation.
     *
     * @param winRate wins over closed trades in the window, {@code null} with none
     * @param drawdown drawdown from the high-water mark, a fraction
     * @param reservePct reserve over portfolio value, a fraction
     */
    public record Metrics(Double winRate, double drawdown, double reservePct) {}

    /**
     * One evaluation's outcome; {@code from} equals {@code to} when nothing changes.
     *
     * @param reason {@link #DOWNGRADE}, {@link #UPGRADE}, {@link #HOLD} (or {@link #EMERGENCY})
     * @param detail a sentence with the metrics and the limits that decided it
     */
    public record TierDecision(String from, String to, String reason, String detail) {
        public boolean changed() {
            return !from.equals(to);
        }
    }

    /** Returns the most careful tier, the one an emergency sets. */
    public static String conservative() {
        return ORDER.get(0);
    }

    /** Returns the position of a tier in {@link #ORDER}; an unknown name is an error. */
    public static int index(String tier) {
        int i = tier == null ? -1 : ORDER.indexOf(tier);
        if (i < 0) {
            throw new IllegalArgumentException("unknown risk tier " + tier + ", expected one of "
                    + ORDER);
        }
        return i;
    }

    /**
     * Returns the win rate of the trades closed within {@code window} before {@code now} (closed
     * strictly after {@code now − window}), or {@code null} when there are none.
     */
    public static Double winRate(List<TradeOutcome> closed, long now, Duration window) {
        if (closed == null) {
            return null;
        }
        long from = now - window.toMillis();
        int total = 0;
        int wins = 0;
        for (TradeOutcome t : closed) {
            if (t.closedTs() > from) {
                total++;
                if (t.win()) {
                    wins++;
                }
            }
        }
        return total == 0 ? null : (double) wins / total;
    }

    /** R-RISK-1: decides the tier after a market close from the current tier and the metrics. */
    public static TierDecision atClose(String current, Metrics m, RiskParams r) {
        int i = index(current);
        Double win = m.winRate();
        List<String> down = new ArrayList<>();
        if (win != null && win < r.downgradeWinRate()) {
            down.add(fmt("win rate %s < %s", Fractions.percent(win),
                    Fractions.percent(r.downgradeWinRate())));
        }
        if (m.drawdown() > r.downgradeDrawdown()) {
            down.add(fmt("drawdown %s > %s", Fractions.percent(m.drawdown()),
                    Fractions.percent(r.downgradeDrawdown())));
        }
        if (!down.isEmpty()) {
            String why = String.join(" and ", down);
            if (i == 0) {
                return new TierDecision(current, current, HOLD,
                        why + "; already " + current + ", the lowest tier");
            }
            String to = ORDER.get(i - 1);
            return new TierDecision(current, to, DOWNGRADE,
                    why + "; " + current + " → " + to);
        }
        String metrics = fmt("win rate %s, reserve %s, drawdown %s",
                win == null ? "n/a (no closed trades)" : Fractions.percent(win),
                Fractions.percent(m.reservePct()), Fractions.percent(m.drawdown()));
        boolean up = win != null && win > r.upgradeWinRate()
                && m.reservePct() > r.upgradeReservePct()
                && m.drawdown() < r.upgradeDrawdown();
        String upLimits = fmt("win rate > %s, reserve > %s, drawdown < %s",
                Fractions.percent(r.upgradeWinRate()), Fractions.percent(r.upgradeReservePct()),
                Fractions.percent(r.upgradeDrawdown()));
        if (up) {
            if (i == ORDER.size() - 1) {
                return new TierDecision(current, current, HOLD,
                        metrics + " meet the upgrade; already " + current + ", the highest tier");
            }
            String to = ORDER.get(i + 1);
            return new TierDecision(current, to, UPGRADE,
                    metrics + " meet the upgrade (" + upLimits + "); " + current + " → " + to);
        }
        return new TierDecision(current, current, HOLD,
                fmt("%s; no downgrade (win rate < %s or drawdown > %s) and no upgrade (%s)",
                        metrics, Fractions.percent(r.downgradeWinRate()),
                        Fractions.percent(r.downgradeDrawdown()), upLimits));
    }

    /**
     * R-POOL-4: returns the move to {@link #conservative()} on an emergency release (no change
     * when the tier is already conservative).
     */
    public static TierDecision emergency(String current, double drawdown, double limit) {
        index(current);
        return new TierDecision(current, conservative(), EMERGENCY,
                fmt("drawdown %s beyond %s releases the reserve; %s → %s",
                        Fractions.percent(drawdown), Fractions.percent(limit), current,
                        conservative()));
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
