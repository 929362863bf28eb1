package io.tradeflow.rules.metrics;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Fill;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one account's fills and price marks into an equity curve, its closed positions into
 * trades, and both into the performance metrics of a backtest (R-MET-1, R-BT-1).
 *
 * <p>Daily returns are taken from the last equity point of each {@code America/New_York} market
 * date, the first one against the curve's first value. Sharpe and Sortino are annualized with
 * √252 over every daily return of the run (the rulebook's 30-day window is the live snapshot's).
 * Exposure is measured in regular-session time of the trading calendar (09:30 to the close), so an
 * intraday account that is flat overnight is not penalised for the night.
 */
public final class PerformanceMetrics {
    /** Trading days per year, for annualizing daily ratios. */
    public static final double TRADING_DAYS = 252;
    private static final double YEAR_MS = 365.25 * 24 * 3600 * 1000;

    private final TradingCalendar calendar;

    public PerformanceMetrics(TradingCalendar calendar) {
        this.calendar = calendar;
    }

    /** Returns metrics that measure exposure against the NYSE calendar. */
    public static PerformanceMetrics nyse() {
        return new PerformanceMetrics(TradingCalendar.nyse());
    }

    // ---------------------------------------------------------------- trades

    /** Returns the closed positions among final position states as trades, by exit time. */
    public static List<TradeRecord> trades(List<PositionEvent> positions) {
        return trades(positions, Map.of());
    }

    /**
     * Returns the closed positions among final position states as trades, by exit time, each
     * with the quantity it was entered with ({@code entered}: position id to the sum of its entry
     * fills; a closed position's own event holds 0).
     */
    public static List<TradeRecord> trades(List<PositionEvent> positions,
            Map<String, Long> entered) {
        List<TradeRecord> out = new ArrayList<>();
        for (PositionEvent p : positions) {
            if (PositionEvent.CLOSED.equals(p.status())) {
                TradeRecord t = TradeRecord.of(p);
                Long q = entered.get(p.positionId());
                out.add(q == null ? t : new TradeRecord(t.account(), t.positionId(), t.ticker(),
                        t.side(), q, t.entryTs(), t.entryPrice(), t.exitTs(), t.exitPrice(),
                        t.realizedPnl(), t.reason(), t.instrument(), t.modelled()));
            }
        }
        out.sort(Comparator.comparingLong(TradeRecord::exitTs)
                .thenComparing(TradeRecord::positionId));
        return out;
    }

    // ---------------------------------------------------------------- equity curve

    /**
     * Returns the equity curve of one account: a first point at the first event holding the
     * starting cash, then a point at every time a fill changed the account or a mark changed the
     * value of a held ticker, and a point at the last event of every market date (so each date has
     * a close even when the account is flat). A held ticker is valued at its latest mark, or at
     * its latest fill when that is newer. At one timestamp, fills apply before marks.
     *
     * @param fills this account's fills
     * @param marks bars whose close marks their ticker at the bar's end time
     */
    public static List<EquityPoint> equityCurve(double startCash, List<Fill> fills,
            List<Bar> marks) {
        List<Fill> fs = new ArrayList<>(fills);
        fs.sort(Comparator.comparingLong(Fill::ts));
        List<Bar> ms = new ArrayList<>(marks);
        ms.sort(Comparator.comparingLong(Bar::ts));
        List<EquityPoint> curve = new ArrayList<>();
        if (fs.isEmpty() && ms.isEmpty()) {
            return curve;
        }
        Map<String, Long> held = new HashMap<>();
        Map<String, Double> price = new HashMap<>();
        double cash = startCash;
        long first = Math.min(fs.isEmpty() ? Long.MAX_VALUE : fs.get(0).ts(),
                ms.isEmpty() ? Long.MAX_VALUE : ms.get(0).ts());
        curve.add(new EquityPoint(first, startCash, startCash, 0));
        int fi = 0;
        int mi = 0;
        while (fi < fs.size() || mi < ms.size()) {
            long ts = Math.min(fi < fs.size() ? fs.get(fi).ts() : Long.MAX_VALUE,
                    mi < ms.size() ? ms.get(mi).ts() : Long.MAX_VALUE);
            boolean changed = false;
            for (; fi < fs.size() && fs.get(fi).ts() == ts; fi++) {
                Fill f = fs.get(fi);
                long signed = "buy".equals(f.side()) ? f.quantity() : -f.quantity();
                cash += -signed * f.price() - f.commission();
                long q = held.getOrDefault(f.ticker(), 0L) + signed;
                if (q == 0) {
                    held.remove(f.ticker());
                } else {
                    held.put(f.ticker(), q);
                }
                price.put(f.ticker(), f.price());
                changed = true;
            }
            for (; mi < ms.size() && ms.get(mi).ts() == ts; mi++) {
                Bar b = ms.get(mi);
                price.put(b.ticker(), b.close());
                changed |= held.containsKey(b.ticker());
            }
            long next = Math.min(fi < fs.size() ? fs.get(fi).ts() : Long.MAX_VALUE,
                    mi < ms.size() ? ms.get(mi).ts() : Long.MAX_VALUE);
            boolean dayEnd = next == Long.MAX_VALUE
                    || !MarketTime.date(next).equals(MarketTime.date(ts));
            if (changed || dayEnd) {
                double value = cash;
                for (Map.Entry<String, Long> e : held.entrySet()) {
                    value += e.getValue() * price.get(e.getKey());
                }
                curve.add(new EquityPoint(ts, value, cash, held.size()));
            }
        }
        return curve;
    }

    // ---------------------------------------------------------------- metrics

    /** Returns the daily returns: the last value of each market date against the one before. */
    public static double[] dailyReturns(List<EquityPoint> curve) {
        if (curve.isEmpty()) {
            return new double[0];
        }
        List<Double> closes = new ArrayList<>();
        LocalDate day = null;
        for (EquityPoint p : curve) {
            LocalDate d = MarketTime.date(p.ts());
            if (d.equals(day)) {
                closes.set(closes.size() - 1, p.value());
            } else {
                closes.add(p.value());
                day = d;
            }
        }
        double[] r = new double[closes.size()];
        double prev = curve.get(0).value();
        for (int i = 0; i < r.length; i++) {
            r[i] = closes.get(i) / prev - 1;
            prev = closes.get(i);
        }
        return r;
    }

    /**
     * Returns the daily returns of a curve of one value per market date (daily closes): each
     * value against the one before, so n closes give n − 1 returns.
     */
    public static double[] closeToCloseReturns(List<EquityPoint> closes) {
        double[] r = new double[Math.max(0, closes.size() - 1)];
        for (int i = 0; i < r.length; i++) {
            r[i] = closes.get(i + 1).value() / closes.get(i).value() - 1;
        }
        return r;
    }

    /** Returns mean / sample standard deviation × √252; NaN for fewer than 2 or constant returns. */
    public static double sharpe(double[] daily) {
        double sd = sampleStd(daily);
        return !(sd > 0) ? Double.NaN : mean(daily) / sd * Math.sqrt(TRADING_DAYS);
    }

    /** Returns the sample standard deviation × √252; NaN for fewer than 2 returns. */
    public static double volatility(double[] daily) {
        return sampleStd(daily) * Math.sqrt(TRADING_DAYS);
    }

    /**
     * Returns mean / √(Σ min(r, 0)² / n) × √252: +∞ with a positive mean and no negative return,
     * NaN with no return or with neither a negative return nor a positive mean.
     */
    public static double sortino(double[] daily) {
        if (daily.length == 0) {
            return Double.NaN;
        }
        double mean = mean(daily);
        double ss = 0;
        for (double r : daily) {
            double down = Math.min(r, 0);
            ss += down * down;
        }
        double dd = Math.sqrt(ss / daily.length);
        if (dd == 0) {
            return mean > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        return mean / dd * Math.sqrt(TRADING_DAYS);
    }

    /** Returns the largest fall from a running peak as a fraction of that peak (0 when none). */
    public static double maxDrawdown(List<EquityPoint> curve) {
        double peak = Double.NEGATIVE_INFINITY;
        double max = 0;
        for (EquityPoint p : curve) {
            peak = Math.max(peak, p.value());
            if (peak > 0) {
                max = Math.max(max, (peak - p.value()) / peak);
            }
        }
        return max;
    }

    /** Returns the fall of the last value from the highest value before it (0 at a new high). */
    public static double currentDrawdown(List<EquityPoint> curve) {
        if (curve.isEmpty()) {
            return 0;
        }
        double peak = Double.NEGATIVE_INFINITY;
        for (EquityPoint p : curve) {
            peak = Math.max(peak, p.value());
        }
        double last = curve.get(curve.size() - 1).value();
        return peak > 0 ? (peak - last) / peak : 0;
    }

    /**
     * Returns the share of regular-session time between the curve's first and last points during
     * which at least one position was open; NaN when that span holds no session time.
     */
    public double exposure(List<EquityPoint> curve) {
        if (curve.size() < 2) {
            return Double.NaN;
        }
        long total = 0;
        long open = 0;
        for (int i = 0; i + 1 < curve.size(); i++) {
            long s = sessionMillis(curve.get(i).ts(), curve.get(i + 1).ts());
            total += s;
            if (curve.get(i).openPositions() > 0) {
                open += s;
            }
        }
        return total == 0 ? Double.NaN : (double) open / total;
    }

    /** Returns the regular-session milliseconds within [from, to). */
    long sessionMillis(long from, long to) {
        if (to <= from) {
            return 0;
        }
        long sum = 0;
        for (LocalDate d = MarketTime.date(from); !d.isAfter(MarketTime.date(to));
                d = d.plusDays(1)) {
            LocalTime close = calendar.closeTime(d);
            if (close == null) {
                continue;
            }
            long a = Math.max(from, MarketTime.epochMillis(d, TradingCalendar.OPEN));
            long b = Math.min(to, MarketTime.epochMillis(d, close));
            sum += Math.max(0, b - a);
        }
        return sum;
    }

    /** Returns every metric of a curve and its closed trades (see {@link Metrics}). */
    public Metrics compute(List<TradeRecord> trades, List<EquityPoint> curve) {
        return compute(trades, curve, dailyReturns(curve), exposure(curve));
    }

    /**
     * Returns the metrics of a curve of one value per market date (daily closes, no trades): the
     * returns are {@linkplain #closeToCloseReturns close to close}; exposure is NaN, as the curve
     * holds no positions.
     */
    public Metrics computeDaily(List<EquityPoint> closes) {
        return compute(List.of(), closes, closeToCloseReturns(closes), Double.NaN);
    }

    private static Metrics compute(List<TradeRecord> trades, List<EquityPoint> curve,
            double[] daily, double exposure) {
        double start = curve.isEmpty() ? Double.NaN : curve.get(0).value();
        double end = curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1).value();
        double total = end / start - 1;
        long span = curve.isEmpty() ? 0 : curve.get(curve.size() - 1).ts() - curve.get(0).ts();
        double cagr = span <= 0 || !(start > 0) ? Double.NaN
                : end <= 0 ? -1 : Math.pow(end / start, YEAR_MS / span) - 1;

        int wins = 0;
        int losses = 0;
        double grossWin = 0;
        double grossLoss = 0;
        double realized = 0;
        for (TradeRecord t : trades) {
            double pnl = t.pnl();
            realized += pnl;
            if (pnl > 0) {
                wins++;
                grossWin += pnl;
            } else if (pnl < 0) {
                losses++;
                grossLoss -= pnl;
            }
        }
        int n = trades.size();
        double profitFactor = losses > 0 ? grossWin / grossLoss
                : wins > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        return new Metrics(start, end, total, cagr, sharpe(daily), sortino(daily),
                volatility(daily),
                curve.isEmpty() ? Double.NaN : maxDrawdown(curve),
                curve.isEmpty() ? Double.NaN : currentDrawdown(curve), n, wins, losses,
                n == 0 ? Double.NaN : (double) wins / n,
                wins == 0 ? Double.NaN : grossWin / wins,
                losses == 0 ? Double.NaN : -grossLoss / losses, profitFactor, realized,
                exposure, daily.length);
    }

    private static double sampleStd(double[] xs) {
        if (xs.length < 2) {
            return Double.NaN;
        }
        double mean = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (xs.length - 1));
    }

    private static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }
}
