package io.tradeflow.sample;

import io.tradeflow.event.Bar;
import io.tradeflow.event.VixQuote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Generates seeded, deterministic synthetic US-equity market data: regular-session 1-minute bars,
 * 5-minute VIX quotes and HMAC-signed recommendation JSON lines; the same {@link Spec} always
 * yields the same {@link Generated}.
 *
 * <p>Randomness comes from private SplitMix64 streams, one per purpose (and one per ticker), and
 * transcendental functions from {@link StrictMath}, so output does not depend on the JDK, the
 * platform, the wall clock or on how many tickers/recommendations other streams produce.
 */
public final class MarketGenerator {
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    public static final LocalTime SESSION_OPEN = LocalTime.of(9, 30);
    public static final int BARS_PER_DAY = 390;
    public static final int VIX_PER_DAY = BARS_PER_DAY / 5;
    public static final double VIX_MEAN = 18.0;
    public static final double VIX_THRESHOLD = 28.0;
    public static final List<String> SIGNAL_TYPES =
            List.of("orb", "orb_direction", "confluence", "ema_cross");
    public static final double CONFLUENCE_MAX_SCORE = 6.0;

    /** Recommendations fall in [09:35:00, 15:55:00] New York time, at second granularity. */
    static final int REC_FIRST_SECOND = 5 * 60;
    static final int REC_LAST_SECOND = (6 * 60 + 25) * 60;
    static final double VIX_CAP_OUTSIDE_SPIKE = 27.5;
    static final double VIX_FLOOR_IN_SPIKE = 28.2;
    static final int VIX_RAMP_QUOTES = 4;
    static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
    static final ObjectMapper JSON = new ObjectMapper();

    private MarketGenerator() {}

    /**
     * Describes what to generate.
     *
     * @param tickers tickers, in a fixed order; {@code startPrices} holds their first open, same
     *     index
     * @param days trading days in ascending order (see {@link #tradingDays})
     * @param duplicateFraction fraction of all recommendations emitted a second time, identical
     * @param accounts accounts a recommendation may address; most address none ({@code null})
     * @param webhookSecret HMAC key for the recommendation signatures
     */
    public record Spec(
            long seed,
            List<String> tickers,
            List<Double> startPrices,
            List<LocalDate> days,
            int recommendationsPerDay,
            double duplicateFraction,
            List<String> accounts,
            byte[] webhookSecret) {

        public Spec {
            tickers = List.copyOf(tickers);
            startPrices = List.copyOf(startPrices);
            days = List.copyOf(days);
            accounts = List.copyOf(accounts);
            webhookSecret = webhookSecret.clone();
            if (tickers.isEmpty() || tickers.size() != startPrices.size()) {
                throw new IllegalArgumentException("need one start price per ticker, at least one");
            }
            if (startPrices.stream().anyMatch(p -> !(p >= 0.01))) {
                throw new IllegalArgumentException("start prices must be >= 0.01: " + startPrices);
            }
            if (days.isEmpty()) {
                throw new IllegalArgumentException("need at least one trading day");
            }
            for (int i = 1; i < days.size(); i++) {
                if (!days.get(i).isAfter(days.get(i - 1))) {
                    throw new IllegalArgumentException("days must be strictly ascending: " + days);
                }
            }
            if (recommendationsPerDay < 0
                    || recommendationsPerDay > REC_LAST_SECOND - REC_FIRST_SECOND + 1) {
                throw new IllegalArgumentException("recommendationsPerDay out of range");
            }
            if (!(duplicateFraction >= 0.0 && duplicateFraction <= 1.0)) {
                throw new IllegalArgumentException("duplicateFraction must be in [0, 1]");
            }
        }

        /**
         * Returns the demo default: five liquid tickers over five trading days from 2025-03-05,
         * which spans the switch to daylight saving time (2025-03-09).
         */
        public static Spec demo(long seed, byte[] webhookSecret) {
            return new Spec(
                    seed,
                    List.of("AAPL", "MSFT", "NVDA", "AMD", "SPY"),
                    List.of(235.50, 396.20, 115.80, 104.40, 575.90),
                    tradingDays(LocalDate.of(2025, 3, 5), 5, Set.of()),
                    40,
                    0.1,
                    List.of("acct-intraday", "acct-swing"),
                    webhookSecret);
        }

        @Override
        public byte[] webhookSecret() {
            return webhookSecret.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spec s
                    && seed == s.seed
                    && tickers.equals(s.tickers)
                    && startPrices.equals(s.startPrices)
                    && days.equals(s.days)
                    && recommendationsPerDay == s.recommendationsPerDay
                    && Double.compare(duplicateFraction, s.duplicateFraction) == 0
                    && accounts.equals(s.accounts)
                    && Arrays.equals(webhookSecret, s.webhookSecret);
        }

        @Override
        public int hashCode() {
            return Objects.hash(seed, tickers, startPrices, days, recommendationsPerDay,
                    duplicateFraction, accounts, Arrays.hashCode(webhookSecret));
        }

        /** Never shows the secret. */
        @Override
        public String toString() {
            return "Spec[seed=" + seed + ", tickers=" + tickers + ", startPrices=" + startPrices
                    + ", days=" + days + ", recommendationsPerDay=" + recommendationsPerDay
                    + ", duplicateFraction=" + duplicateFraction + ", accounts=" + accounts
                    + ", webhookSecret=***]";
        }
    }

    /**
     * Names the scripted events of a generated data set, for demos and tests.
     *
     * @param gapFraction the large overnight gap of {@code gapTicker} on {@code gapDay}, e.g.
     *     -0.024
     * @param vixAboveFrom ts of the first VIX quote at or above {@link #VIX_THRESHOLD}
     * @param vixAboveUntil ts of the first quote back below it (same day)
     */
    public record Highlights(
            String gapTicker,
            LocalDate gapDay,
            double gapFraction,
            LocalDate vixSpikeDay,
            long vixAboveFrom,
            long vixAboveUntil) {}

    /**
     * Holds generated data.
     *
     * @param bars sorted by ts, then ticker
     * @param vix sorted by ts
     * @param recommendationJsonLines signed JSON lines, sorted by generated_at then id (a
     *     duplicate right after its original)
     * @param recommendationEmittedAt for each line, same index, when it is delivered (epoch ms):
     *     the generated_at of an original, a little later for a duplicate; use it as the Kafka
     *     record timestamp
     */
    public record Generated(
            List<Bar> bars,
            List<VixQuote> vix,
            List<String> recommendationJsonLines,
            List<Long> recommendationEmittedAt,
            Highlights highlights) {

        public Generated {
            bars = List.copyOf(bars);
            vix = List.copyOf(vix);
            recommendationJsonLines = List.copyOf(recommendationJsonLines);
            recommendationEmittedAt = List.copyOf(recommendationEmittedAt);
            if (recommendationJsonLines.size() != recommendationEmittedAt.size()) {
                throw new IllegalArgumentException("one emission time per recommendation line");
            }
        }

        /** Writes {@code ticker,ts,open,high,low,close,volume}, ts ISO-8601 in New York time. */
        public void writeBarsCsv(Path file) throws IOException {
            try (BufferedWriter w = writer(file)) {
                w.write("ticker,ts,open,high,low,close,volume\n");
                for (Bar b : bars) {
                    w.write(b.ticker() + ',' + isoTime(b.ts()) + ',' + plain(b.open()) + ','
                            + plain(b.high()) + ',' + plain(b.low()) + ',' + plain(b.close())
                            + ',' + b.volume() + '\n');
                }
            }
        }

        /** Writes the signed recommendation JSON lines, duplicates included, in list order. */
        public void writeRecommendations(Path file) throws IOException {
            writeLines(file, recommendationJsonLines);
        }

        /** Writes one {@code {"ts": ISO, "value": number}} JSON line per VIX quote. */
        public void writeVixJson(Path file) throws IOException {
            writeLines(file, vix.stream().map(MarketGenerator::vixJson).toList());
        }

        private static void writeLines(Path file, List<String> lines) throws IOException {
            try (BufferedWriter w = writer(file)) {
                for (String line : lines) {
                    w.write(line);
                    w.write('\n');
                }
            }
        }

        private static BufferedWriter writer(Path file) throws IOException {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }
    }

    /**
     * Returns the first {@code count} weekdays from {@code from} (inclusive) that are not in
     * {@code holidays}.
     */
    public static List<LocalDate> tradingDays(LocalDate from, int count, Set<LocalDate> holidays) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        List<LocalDate> out = new ArrayList<>(count);
        for (LocalDate d = from; out.size() < count; d = d.plusDays(1)) {
            DayOfWeek dow = d.getDayOfWeek();
            if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.contains(d)) {
                out.add(d);
            }
        }
        return List.copyOf(out);
    }

    /** Returns the Kafka JSON form of a bar: ticker, ts (ISO-8601 with offset), OHLC, volume. */
    public static String barJson(Bar bar) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ticker", bar.ticker());
        n.put("ts", isoTime(bar.ts()));
        n.put("open", bar.open());
        n.put("high", bar.high());
        n.put("low", bar.low());
        n.put("close", bar.close());
        n.put("volume", bar.volume());
        return write(n);
    }

    /** Returns the Kafka JSON form of a VIX quote: ts (ISO-8601 with offset), value. */
    public static String vixJson(VixQuote quote) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ts", isoTime(quote.ts()));
        n.put("value", quote.value());
        return write(n);
    }

    /** Formats epoch milliseconds as ISO-8601 New York local time with offset, to the second. */
    public static String isoTime(long epochMillis) {
        return ISO.format(Instant.ofEpochMilli(epochMillis).atZone(NEW_YORK));
    }

    /** Returns the epoch milliseconds of a New York wall-clock time on a day. */
    public static long epochMillis(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, NEW_YORK).toInstant().toEpochMilli();
    }

    /** Generates the data set described by {@code spec}. */
    public static Generated generate(Spec spec) {
        Script script = Script.draw(spec);
        List<VixQuote> vix = SampleVix.of(spec, script);
        Prices prices = bars(spec, script);
        List<Bar> bars = new ArrayList<>(prices.bars);
        bars.sort(Comparator.comparingLong(Bar::ts).thenComparing(Bar::ticker));
        List<SampleRecommendations.Line> lines = SampleRecommendations.of(spec, prices);
        LocalDate vixDay = spec.days().get(script.vixDay);
        return new Generated(
                bars,
                vix,
                lines.stream().map(SampleRecommendations.Line::json).toList(),
                lines.stream().map(SampleRecommendations.Line::emittedAt).toList(),
                new Highlights(
                        spec.tickers().get(script.gapTicker),
                        spec.days().get(script.gapDay),
                        script.gapFraction,
                        vixDay,
                        vixTs(vixDay, script.spikeStart),
                        vixTs(vixDay, script.spikeStart + script.spikeLen)));
    }

    // ---------------------------------------------------------------- scripted events

    /**
     * The scripted events: one large gap, one VIX spike (with a market sell-off under it) and one
     * rapid move (the gap ticker plunging at the spike).
     */
    record Script(
            int gapDay,
            int gapTicker,
            double gapFraction,
            int vixDay,
            int spikeStart,
            int spikeLen) {

        static Script draw(Spec spec) {
            Rng r = Rng.of(spec.seed(), "events");
            int days = spec.days().size();
            int gapDay = days >= 2 ? 1 + r.nextInt(days - 1) : 0;
            int gapTicker = r.nextInt(spec.tickers().size());
            double sign = r.nextDouble() < 0.5 ? -1.0 : 1.0;
            double gapFraction = sign * (0.02 + 0.01 * r.nextDouble());
            int vixDay = r.nextInt(days);
            // first quote above the threshold between 10:35 and 13:50, for 20 to 45 minutes
            int spikeStart = 12 + r.nextInt(40);
            int spikeLen = 4 + r.nextInt(6);
            return new Script(gapDay, gapTicker, gapFraction, vixDay, spikeStart, spikeLen);
        }

        /** Whether minute bar {@code i} of day {@code d} lies in the sell-off under the spike. */
        boolean stressed(int d, int i) {
            return d == vixDay
                    && i >= 5 * (spikeStart - VIX_RAMP_QUOTES)
                    && i < 5 * (spikeStart + spikeLen);
        }

        /**
         * Whether minute bar {@code i} of day {@code d} is in the scripted rapid move: the gap
         * ticker falls about 6 % over ten minutes as the VIX spike starts (R-MOVE-1 fires once).
         */
        boolean plunging(int d, int t, int i) {
            return d == vixDay && t == gapTicker && i >= 5 * spikeStart
                    && i < 5 * spikeStart + 10;
        }

        int stressMinutes() {
            return 5 * (VIX_RAMP_QUOTES + spikeLen);
        }
    }

    static long vixTs(LocalDate day, int k) {
        return epochMillis(day, SESSION_OPEN.plusMinutes(5L * (k + 1)));
    }

    // ---------------------------------------------------------------- bars

    /** Bars in generation order plus per-ticker open/close arrays indexed day * 390 + minute. */
    record Prices(List<Bar> bars, double[][] opens, double[][] closes) {}

    static Prices bars(Spec spec, Script s) {
        int nt = spec.tickers().size();
        int nd = spec.days().size();
        Rng market = Rng.of(spec.seed(), "market");
        Rng[] rng = new Rng[nt];
        double[] minuteSigma = new double[nt];
        double[] baseVolume = new double[nt];
        double[] beta = new double[nt];
        double[] last = new double[nt];
        for (int t = 0; t < nt; t++) {
            rng[t] = Rng.of(spec.seed(), "bars:" + spec.tickers().get(t));
            double dailyVol = 0.012 + 0.013 * rng[t].nextDouble();
            // the profile averages ~0.7: scale so a day's moves add up to dailyVol
            minuteSigma[t] = dailyVol / StrictMath.sqrt(BARS_PER_DAY) / 0.7;
            baseVolume[t] = 20_000 + 130_000 * rng[t].nextDouble();
            beta[t] = 0.8 + 0.5 * rng[t].nextDouble();
            last[t] = cents(spec.startPrices().get(t));
        }
        double stressDrift = 0.022 / s.stressMinutes();
        List<Bar> bars = new ArrayList<>(nt * nd * BARS_PER_DAY);
        double[][] opens = new double[nt][nd * BARS_PER_DAY];
        double[][] closes = new double[nt][nd * BARS_PER_DAY];
        double[] mkt = new double[BARS_PER_DAY];
        for (int d = 0; d < nd; d++) {
            LocalDate day = spec.days().get(d);
            long firstEnd = epochMillis(day, SESSION_OPEN.plusMinutes(1));
            for (int i = 0; i < BARS_PER_DAY; i++) {
                mkt[i] = market.nextGaussian();
            }
            for (int t = 0; t < nt; t++) {
                Rng r = rng[t];
                double gap = clamp(0.003 * r.nextGaussian(), -0.008, 0.008);
                if (d == s.gapDay && t == s.gapTicker) {
                    gap = s.gapFraction;
                } else if (d == 0) {
                    gap = 0.0;
                }
                double open = Math.max(0.01, cents(last[t] * StrictMath.exp(gap)));
                String ticker = spec.tickers().get(t);
                for (int i = 0; i < BARS_PER_DAY; i++) {
                    double sigma = minuteSigma[t] * volatilityProfile(i);
                    double z = 0.6 * mkt[i] + 0.8 * r.nextGaussian();
                    double drift = (s.stressed(d, i) ? -stressDrift * beta[t] : 0.0)
                            + (s.plunging(d, t, i) ? -0.0062 : 0.0);
                    double ret = drift + sigma * z;
                    double close = Math.max(0.01, cents(open * StrictMath.exp(ret)));
                    double top = Math.max(open, close);
                    double bottom = Math.min(open, close);
                    double high = Math.max(top, cents(top * (1 + 0.6 * sigma
                            * Math.abs(r.nextGaussian()))));
                    double low = Math.max(0.01, Math.min(bottom, cents(bottom * (1 - 0.6 * sigma
                            * Math.abs(r.nextGaussian())))));
                    double noise = StrictMath.exp(0.35 * r.nextGaussian());
                    long volume = Math.max(100L, Math.round(baseVolume[t] * volumeProfile(i)
                            * noise * (1 + 25 * Math.abs(ret))));
                    long ts = firstEnd + 60_000L * i;
                    bars.add(new Bar(ticker, ts, open, high, low, close, volume));
                    opens[t][d * BARS_PER_DAY + i] = open;
                    closes[t][d * BARS_PER_DAY + i] = close;
                    open = close;
                }
                last[t] = open;
            }
        }
        return new Prices(bars, opens, closes);
    }

    /** U-shaped: about 2x the midday level at the open, about 1.6x at the close. */
    static double volatilityProfile(int minute) {
        return 0.55 + 1.4 * StrictMath.exp(-minute / 30.0)
                + 0.7 * StrictMath.exp(-(BARS_PER_DAY - 1 - minute) / 25.0);
    }

    /** U-shaped, more pronounced than volatility, with the heaviest minutes at the close. */
    static double volumeProfile(int minute) {
        return 0.5 + 2.5 * StrictMath.exp(-minute / 25.0)
                + 1.8 * StrictMath.exp(-(BARS_PER_DAY - 1 - minute) / 20.0);
    }

    // ---------------------------------------------------------------- helpers

    static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String plain(double price) {
        return BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    static double cents(double x) {
        return Math.round(x * 100.0) / 100.0;
    }

    static double round2(double x) {
        return Math.round(x * 100.0) / 100.0;
    }

    static double round3(double x) {
        return Math.round(x * 1000.0) / 1000.0;
    }

    static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
