package io.tradeflow.event;

/**
 * Reports that a ticker's close moved at least the rapid-move threshold away from an earlier
 * close within the rapid-move window (R-MOVE-1).
 *
 * @param ticker the ticker
 * @param startTs end time of the reference bar (epoch ms)
 * @param startPrice close of the reference bar
 * @param ts end time of the bar that completed the move (epoch ms); the move is known from here
 * @param price close of that bar
 * @param changePct {@code (price / startPrice - 1) * 100}, signed (e.g. {@code -5.2})
 * @param direction {@code "up"} or {@code "down"}
 */
public record RapidMove(String ticker, long startTs, double startPrice, long ts, double price,
        double changePct, String direction) {

    public static final String UP = "up";
    public static final String DOWN = "down";
}
