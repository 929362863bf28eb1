package io.tradeflow.event;

import java.math.BigDecimal;
import java.util.List;

/**
 * Carries the broker's view of one account at one time (R-REC-2): its cash and every position
 * it holds, signed by the gateway with a broker key. The engine compares it with its book.
 *
 * @param id the gateway's id of this snapshot
 * @param ts as of when: every execution up to and including it is in it
 * @param cash the account's cash at the broker
 * @param positions one per ticker held, in ticker order (a flat ticker is left out)
 */
public record BrokerPositions(
        String id,
        String account,
        long ts,
        BigDecimal cash,
        List<Holding> positions) {

    /**
     * One position at the broker.
     *
     * @param quantity shares held: above zero long, below zero short
     * @param averagePrice the broker's average entry price per share
     */
    public record Holding(String ticker, long quantity, double averagePrice) {}
}
