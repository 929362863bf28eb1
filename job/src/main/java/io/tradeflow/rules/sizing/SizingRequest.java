package io.tradeflow.rules.sizing;

import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;

import java.util.List;
import java.util.Map;

/**
 * Carries everything the sizing pipeline reads for one candidate entry.
 *
 * @param confidence the recommendation's confidence in [0, 1] (R-SIZE-1, R-SIZE-2)
 * @param portfolioValue total portfolio value: the base of sector, heat and per-trade risk caps
 * @param activePool the active pool (R-POOL-2): the base of the position %
 * @param cashAvailable cash not committed to open orders
 * @param price the entry (limit) price
 * @param stop the candidate's initial stop: its distance to {@code price} is the risk per share
 * @param sector the candidate's sector, {@code null} when unknown
 * @param holdings the open positions; {@code null} reads as none
 * @param correlations held ticker → return correlation with the candidate; a missing pair is 0
 * @param earningsTradingDays trading days until the ticker's next earnings, {@code null} when
 *     none is known
 * @param confluenceScore the confluence score (R-SIG-2), set only for confluence signals
 * @param relVol relative volume of the signal bar, set only for confluence signals
 */
public record SizingRequest(
        double confidence,
        TierParams tier,
        RuleParams rules,
        double portfolioValue,
        double activePool,
        double cashAvailable,
        double price,
        double stop,
        String ticker,
        String sector,
        List<Holding> holdings,
        Map<String, Double> correlations,
        Integer earningsTradingDays,
        Integer confluenceScore,
        Double relVol) {

    public SizingRequest {
        holdings = holdings == null ? List.of() : holdings;
        correlations = correlations == null ? Map.of() : correlations;
    }
}
