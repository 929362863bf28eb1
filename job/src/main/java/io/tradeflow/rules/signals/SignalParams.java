package io.tradeflow.rules.signals;

import io.tradeflow.event.Signal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds the signal settings of the ticker stage (R-SIG-1, R-SIG-2, R-SIG-3) and maps a signal to
 * its recommendation confidence: {@code score / maxScore} for {@code confluence}, a fixed
 * configurable value for the other types.
 *
 * @param minConfluence points a confluence side needs to fire (R-SIG-2, default 5)
 * @param enabledTypes types the detector emits (default: all of {@link SignalTypes#ALL}; the
 *     backtest-only ones are then blocked in live and paper by {@link LiveSignalGate}); a list, not
 *     a set, so the record stays a Flink POJO
 * @param vwapReversionAtr ATR multiple {@code k} of {@link VwapReversion} (default 2.0)
 */
public record SignalParams(
        int minConfluence,
        List<String> enabledTypes,
        double vwapReversionAtr,
        double orbConfidence,
        double orbDirectionConfidence,
        double emaCrossConfidence,
        double vwapReversionConfidence) implements Serializable {

    public static final SignalParams DEFAULTS = new SignalParams(
            ConfluenceScore.DEFAULT_MIN_CONFLUENCE, SignalTypes.ALL,
            VwapReversion.DEFAULT_ATR_MULTIPLE, 0.8, 0.85, 0.7, 0.7);

    public SignalParams {
        enabledTypes = enabledTypes == null ? List.of() : List.copyOf(enabledTypes);
    }

    public boolean enabled(String type) {
        return enabledTypes.contains(type);
    }

    public SignalParams withMinConfluence(int min) {
        return new SignalParams(min, enabledTypes, vwapReversionAtr, orbConfidence,
                orbDirectionConfidence, emaCrossConfidence, vwapReversionConfidence);
    }

    public SignalParams withEnabledTypes(List<String> types) {
        return new SignalParams(minConfluence, types, vwapReversionAtr, orbConfidence,
                orbDirectionConfidence, emaCrossConfidence, vwapReversionConfidence);
    }

    public SignalParams withVwapReversionAtr(double k) {
        return new SignalParams(minConfluence, enabledTypes, k, orbConfidence,
                orbDirectionConfidence, emaCrossConfidence, vwapReversionConfidence);
    }

    /**
     * Returns the confidence of a signal in [0, 1]: {@code score / maxScore} for confluence (0 when
     * either is unknown or the maximum is not positive), the configured value for the others, 0
     * for an unknown type.
     */
    public double confidence(Signal s) {
        double c = switch (s.type()) {
            case SignalTypes.CONFLUENCE -> s.score() == null || s.maxScore() == null
                    || !(s.maxScore() > 0) ? 0 : s.score() / s.maxScore();
            case SignalTypes.ORB -> orbConfidence;
            case SignalTypes.ORB_DIRECTION -> orbDirectionConfidence;
            case SignalTypes.EMA_CROSS -> emaCrossConfidence;
            case SignalTypes.VWAP_REVERSION -> vwapReversionConfidence;
            default -> 0;
        };
        return Double.isNaN(c) ? 0 : Math.max(0, Math.min(1, c));
    }

    /** Returns every problem of these settings, empty when they are valid. */
    public List<String> validate() {
        List<String> errors = new ArrayList<>();
        if (minConfluence < 1 || minConfluence > 7) {
            errors.add("signals.minConfluence must be in [1, 7], was " + minConfluence);
        }
        for (String t : enabledTypes) {
            if (!SignalTypes.known(t)) {
                errors.add("signals.enabledTypes: unknown type " + t);
            }
        }
        if (!(vwapReversionAtr > 0) || Double.isInfinite(vwapReversionAtr)) {
            errors.add("signals.vwapReversionAtr must be > 0, was " + vwapReversionAtr);
        }
        checkConfidence(errors, "orb", orbConfidence);
        checkConfidence(errors, "orb_direction", orbDirectionConfidence);
        checkConfidence(errors, "ema_cross", emaCrossConfidence);
        checkConfidence(errors, "vwap_reversion", vwapReversionConfidence);
        return errors;
    }

    private static void checkConfidence(List<String> errors, String type, double c) {
        if (!(c >= 0 && c <= 1)) {
            errors.add("signals.confidence." + type + " must be in [0, 1], was " + c);
        }
    }
}
