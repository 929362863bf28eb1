package io.tradeflow.rules.signals;

import io.tradeflow.event.Recommendation;
import io.tradeflow.event.Signal;

/**
 * Turns a strategy signal into a recommendation (R-SIG-2, R-SIG-3, R-SIG-4): id
 * {@code sig-<ticker>-<type>-<ts>}, the signal's action, confidence per {@link SignalParams},
 * mode {@code live_eligible}, generated at the bar's end, price = the bar close, and the score,
 * maximum score and relative volume of a confluence signal. The id depends only on the signal,
 * so a replay makes the same id and R-SIG-5 deduplicates it.
 */
public final class SignalRecommendations {
    public static final String MODE = "live_eligible";
    public static final String ID_PREFIX = "sig-";

    private SignalRecommendations() {}

    public static String id(Signal s) {
        return ID_PREFIX + s.ticker() + "-" + s.type() + "-" + s.ts();
    }

    /**
     * Returns the recommendation of a signal for every account whose universe holds the ticker
     * ({@code account} and {@code sector} {@code null}) and without a signature: it is made inside
     * the job, not received from upstream.
     */
    public static Recommendation of(Signal s, SignalParams params) {
        return new Recommendation(id(s), null, s.ticker(), s.action(), params.confidence(s),
                s.type(), MODE, s.ts(), s.price(), s.score(), s.maxScore(), s.relVol(), null,
                null);
    }
}
