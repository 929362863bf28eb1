/**
 * Incremental market indicators: small immutable records whose {@code update(...)} returns the
 * next state in O(1) (the simple moving averages in O(period)) and whose values are {@code null}
 * during warm-up, so they can be kept in Flink keyed state as they are; {@link
 * io.tradeflow.rules.indicators.TickerIndicators} bundles them per ticker.
 *
 * <p>Warm-up conventions (the first value exists at the input shown):
 *
 * <ul>
 *   <li>{@link io.tradeflow.rules.indicators.Sma} SMA(n): at input n.
 *   <li>{@link io.tradeflow.rules.indicators.Ema} EMA(n): seeded with the SMA of the first n
 *       values, at input n; then {@code ema += 2/(n+1) × (x − ema)} (pyalgotrade, TA-Lib).
 *   <li>{@link io.tradeflow.rules.indicators.WilderRsi} RSI(n): averages seeded with the simple
 *       means of the first n gains and losses, at close n + 1 (n changes); then Wilder smoothing
 *       {@code avg = (avg × (n − 1) + x) / n}; 100 when the average loss is 0.
 *   <li>{@link io.tradeflow.rules.indicators.WilderAtr} ATR(n): first true range {@code high −
 *       low}; seeded with the mean of the first n true ranges, at bar n; then Wilder smoothing.
 *   <li>{@link io.tradeflow.rules.indicators.Macd} MACD(f, s, g): the line at close s (both EMAs
 *       seeded), signal and histogram at close s + g − 1 (signal seeded with the SMA of the first
 *       g MACD values).
 *   <li>Session indicators ({@link io.tradeflow.rules.indicators.SessionVwap}, {@link
 *       io.tradeflow.rules.indicators.OpeningRange}, {@link
 *       io.tradeflow.rules.indicators.Pivots},
 *       {@link io.tradeflow.rules.indicators.VolumeSma}): VWAP from the session's first bar;
 *       opening range after the 09:45 ET bar; pivots once a whole prior session has been seen;
 *       relative volume after 20 session bars.
 * </ul>
 *
 * <p>ta4j (0.18) differs: its EMA and its Wilder averages (MMA, used by RSI and ATR) are seeded
 * with the first value rather than an SMA, so they give values from the first bar that converge
 * geometrically to ours ({@code (1 − α)^k}); its RSI's first gain and loss are 0. The tests compare
 * with ta4j only after a few hundred bars, when the difference is below 1e-9 relative.
 */
package io.tradeflow.rules.indicators;
