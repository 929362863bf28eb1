package io.tradeflow.event;

/**
 * Reports that an open position's favourable extreme reached the trailing-arm fraction (default
 * 50 %) of the way from entry to target (R-STOP-4): the engine moves the position's stop to
 * {@link #entry()} (breakeven), never to move back. Emitted once per position, at the extreme.
 *
 * @param positionId the position
 * @param ticker its ticker
 * @param armTs event time of the extreme that armed it (epoch ms)
 * @param extreme that extreme's price
 * @param entry the position's entry price: the new stop level
 * @param target the position's target price
 * @param isLong the position's side
 * @param openedTs event time the position opened
 */
public record TrailingArm(String positionId, String ticker, long armTs, double extreme,
        double entry, double target, boolean isLong, long openedTs) {}
