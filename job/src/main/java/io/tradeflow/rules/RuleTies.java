package io.tradeflow.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the ties between rule keys that no single key's range can check (a window's two ends,
 * a reduce threshold below its reject one), on the rules an account runs with.
 */
public final class RuleTies {
    private RuleTies() {}

    /**
     * Returns every broken tie between keys, each as {@code key: what is wrong} naming the rule:
     * the entry window (R-WIN-1, R-WIN-2), correlation reduce below reject (R-SIZE-3), earnings
     * reject within the reduce window (R-CAL-2), and the tier controller's downgrade thresholds
     * looser than its upgrade ones (R-RISK-1).
     */
    public static List<String> validate(RuleParams r) {
        List<String> out = new ArrayList<>();
        if (!r.entryStart().isBefore(r.entryEnd())) {
            out.add("entry-start: entry-start " + r.entryStart() + " must be before entry-end "
                    + r.entryEnd() + " (R-WIN-1)");
        }
        if (r.forceExit() != null && !r.forceExit().isAfter(r.entryEnd())) {
            out.add("force-exit: force-exit " + r.forceExit() + " must be after entry-end "
                    + r.entryEnd() + " (R-WIN-2)");
        }
        if (r.exits().rapidMovePct() < ExitParams.DEFAULTS.rapidMovePct() * (1 - 1e-9)) {
            out.add("rapid-move-pct: rapid-move-pct " + RuleValues.plain(r.exits().rapidMovePct())
                    + " is below " + RuleValues.plain(ExitParams.DEFAULTS.rapidMovePct()) + ", the job's"
                    + " rapid-move pattern threshold (R-MOVE-1): an account may react to larger"
                    + " moves only");
        }
        RiskParams k = r.risk();
        if (k.correlationReduce() >= k.correlationReject()) {
            out.add("correlation-reduce: correlation-reduce " + RuleValues.plain(k.correlationReduce())
                    + " must be below correlation-reject " + RuleValues.plain(k.correlationReject())
                    + " (R-SIZE-3)");
        }
        if (k.earningsRejectDays() > k.earningsReduceDays()) {
            out.add("earnings-reject-days: earnings-reject-days " + k.earningsRejectDays()
                    + " must not exceed earnings-reduce-days " + k.earningsReduceDays()
                    + " (R-CAL-2)");
        }
        if (k.downgradeWinRate() > k.upgradeWinRate()) {
            out.add("downgrade-win-rate: downgrade-win-rate " + RuleValues.plain(k.downgradeWinRate())
                    + " must not exceed upgrade-win-rate " + RuleValues.plain(k.upgradeWinRate())
                    + " (R-RISK-1)");
        }
        if (k.upgradeDrawdown() > k.downgradeDrawdown()) {
            out.add("upgrade-drawdown: upgrade-drawdown " + RuleValues.plain(k.upgradeDrawdown())
                    + " must not exceed downgrade-drawdown " + RuleValues.plain(k.downgradeDrawdown())
                    + " (R-RISK-1)");
        }
        return out;
    }
}
