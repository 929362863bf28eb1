package io.tradeflow.event;

import java.util.Comparator;

/**
 * A sparse position-lifecycle signal that the account engine feeds to its in-engine CEP runners
 * ({@code TrailingStopArmPattern}, {@code StopOutClusterPattern}): one record type with a
 * {@code kind}, because a sealed hierarchy would fall back to Kryo. Build it with the factory
 * methods; fields a kind does not carry are {@code NaN}.
 *
 * @param kind {@link #OPENED}, {@link #EXTREME} (a new favourable extreme of an open position),
 *     {@link #CLOSED} (closed for any reason other than its stop) or {@link #STOP_OUT} (closed by
 *     its stop)
 * @param positionId the position, unique within the account
 * @param ticker the position's ticker
 * @param isLong {@code true} for a long position, {@code false} for a short one
 * @param entry entry price ({@link #OPENED} only, else {@code NaN})
 * @param target take-profit price ({@link #OPENED} only, else {@code NaN})
 * @param price the entry price ({@link #OPENED}), the new extreme ({@link #EXTREME}) or the exit
 *     price ({@link #CLOSED}, {@link #STOP_OUT})
 * @param ts event time (epoch ms)
 */
public record PositionSignal(String kind, String positionId, String ticker, boolean isLong,
        double entry, double target, double price, long ts) {

    public static final String OPENED = "opened";
    public static final String EXTREME = "extreme";
    public static final String CLOSED = "closed";
    public static final String STOP_OUT = "stop_out";

    /**
     * Orders signals with equal {@code ts} by content only: kind ({@code opened}, {@code
     * extreme}, {@code closed}, {@code stop_out}), then position, ticker, side, prices.
     */
    public static final Comparator<PositionSignal> CONTENT_ORDER =
            Comparator.comparingInt((PositionSignal s) -> rank(s.kind()))
                    .thenComparing(PositionSignal::kind)
                    .thenComparing(PositionSignal::positionId)
                    .thenComparing(PositionSignal::ticker)
                    .thenComparing(PositionSignal::isLong)
                    .thenComparingDouble(PositionSignal::price)
                    .thenComparingDouble(PositionSignal::entry)
                    .thenComparingDouble(PositionSignal::target);

    /** A position opened at {@code entry} aiming for {@code target}. */
    public static PositionSignal opened(String positionId, String ticker, boolean isLong,
            double entry, double target, long ts) {
        return new PositionSignal(OPENED, positionId, ticker, isLong, entry, target, entry, ts);
    }

    /** A new favourable extreme of an open position (highest high if long, lowest low if short). */
    public static PositionSignal extreme(String positionId, String ticker, boolean isLong,
            double price, long ts) {
        return new PositionSignal(EXTREME, positionId, ticker, isLong, Double.NaN, Double.NaN,
                price, ts);
    }

    /** A position closed at {@code price} by anything but its stop (target, force exit, manual). */
    public static PositionSignal closed(String positionId, String ticker, boolean isLong,
            double price, long ts) {
        return new PositionSignal(CLOSED, positionId, ticker, isLong, Double.NaN, Double.NaN,
                price, ts);
    }

    /** A position closed by its stop at {@code price}. */
    public static PositionSignal stopOut(String positionId, String ticker, boolean isLong,
            double price, long ts) {
        return new PositionSignal(STOP_OUT, positionId, ticker, isLong, Double.NaN, Double.NaN,
                price, ts);
    }

    /** Whether this signal ends its position ({@link #CLOSED} or {@link #STOP_OUT}). */
    public boolean closesPosition() {
        return CLOSED.equals(kind) || STOP_OUT.equals(kind);
    }

    private static int rank(String kind) {
        return switch (kind) {
            case OPENED -> 0;
            case EXTREME -> 1;
            case CLOSED -> 2;
            case STOP_OUT -> 3;
            default -> 4;
        };
    }
}
