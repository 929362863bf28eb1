package io.tradeflow.rules.sizing;

/**
 * Describes one open position as sizing sees it: its ticker, sector ({@code null} when unknown),
 * market value, entry price and current stop.
 */
public record Holding(String ticker, String sector, double marketValue, double entry,
        double stop) {

    /**
     * Returns the position's heat (R-SIZE-6), {@code marketValue × |entry − stop| / entry}: what a
     * stop-out would lose. A position without a positive entry price counts its whole value.
     */
    public double heat() {
        if (!(entry > 0) || !Double.isFinite(stop)) {
            return Math.max(0, marketValue);
        }
        return marketValue * Math.abs(entry - stop) / entry;
    }
}
