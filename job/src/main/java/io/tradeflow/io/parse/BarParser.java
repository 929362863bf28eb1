package io.tradeflow.io.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.event.Bar;
import io.tradeflow.io.RawRecord;

import java.util.List;

/**
 * Parses OHLCV bars from the {@code bars} topic (JSON) and from CSV, NinjaTrader and daily files.
 *
 * <p>Formats: {@link Format#JSON} {@code {"ticker","ts","open","high","low","close","volume"
 * [,"interval"]}}; {@link Format#CSV} {@code ticker,ts,open,high,low,close,volume} with a header;
 * in both, {@code ts} is ISO-8601 with an offset or epoch milliseconds. {@link Format#NINJATRADER}
 * {@code yyyyMMdd HHmmss;open;high;low;close;volume}, UTC bar end time, no header, ticker given to
 * the constructor. {@link Format#DAILY} {@code date,open,high,low,close,volume,Name} with a
 * header, {@code ts} = 16:00 America/New_York of the date (the bar's end). Headers and blank lines
 * of files are {@link Parsed#skip() skipped}.
 *
 * <p>Checks: prices finite ({@code non_finite_price}) and positive ({@code non_positive_price}),
 * {@code low <= open, close <= high} ({@code high_below_low}), volume a whole number
 * ({@code negative_volume} when below zero), ticker non-empty and known ({@code unknown_ticker}).
 *
 * <p>Future timestamps ({@code timestamp_in_future}): with a Kafka record timestamp, a bar whose
 * ts is more than {@link ParseContext#maxFutureSkewMs()} after it is rejected; without one
 * (files), a bar more than that after the highest ts this instance accepted from the same source
 * since the start of the file's chunk is rejected (the first bar of a chunk is accepted; see
 * {@link #startChunk()}). Use one instance per source and parallel subtask; the instance keeps
 * that maximum per source.
 */
public final class BarParser implements InputParser<Bar> {
    private static final long serialVersionUID = 1L;

    /** The text forms of bars. */
    public enum Format {
        JSON,
        CSV,
        NINJATRADER,
        DAILY
    }

    /** The required fields of the JSON form, as in {@code schemas/bars.schema.json}. */
    public static final List<String> REQUIRED_FIELDS =
            List.of("ticker", "ts", "open", "high", "low", "close", "volume");
    public static final List<String> CSV_HEADER = REQUIRED_FIELDS;
    public static final List<String> DAILY_HEADER =
            List.of("date", "open", "high", "low", "close", "volume", "Name");

    private final ParseContext ctx;
    private final Format format;
    private final String ticker;
    private final FutureGuard future;
    private final TickerTexts tickers;

    public BarParser(ParseContext ctx, Format format) {
        this(ctx, format, null);
    }

    /**
     * @param ticker the ticker of every bar, required by {@link Format#NINJATRADER} only
     */
    public BarParser(ParseContext ctx, Format format, String ticker) {
        if (format == Format.NINJATRADER && (ticker == null || ticker.isBlank())) {
            throw new IllegalArgumentException("the NinjaTrader format needs a ticker");
        }
        this.ctx = ctx;
        this.format = format;
        this.ticker = ticker;
        this.tickers = new TickerTexts(ctx.tickers());
        this.future = new FutureGuard(ctx.maxFutureSkewMs());
    }

    /**
     * Starts the future-time guard afresh: a bar file is cut into chunks of a fixed size
     * ({@code LineChunks}) that BATCH reads in parallel, so a chunk's first bar has no earlier bar
     * to be checked against; STREAMING, reading the file whole, starts afresh at the same lines,
     * and both modes reject the same bars.
     */
    @Override
    public void startChunk() {
        future.reset();
    }

    @Override
    public Parsed<Bar> parse(RawRecord raw) {
        return Parsing.guard(raw, this::read);
    }

    private Parsed<Bar> read(RawRecord raw) {
        String line = Parsing.line(raw.payload());
        if (Parsing.blankLine(raw, line)) {
            return Parsed.skip();
        }
        Bar bar;
        switch (format) {
            case JSON -> bar = json(Fields.object(line));
            case CSV -> {
                bar = plainCsv(line);
                if (bar == null) {
                    bar = cellsCsv(line);
                }
                if (bar == null) {
                    return Parsed.skip(); // the header
                }
            }
            case NINJATRADER -> bar = ninja(Csv.split(line, ';', 6));
            default -> {
                List<String> cells = Csv.split(line, ',');
                if (Csv.isHeader(cells, DAILY_HEADER)) {
                    return Parsed.skip();
                }
                bar = daily(Csv.columns(cells, 7));
            }
        }
        validate(bar);
        future.admit(raw, bar.ts());
        return Parsed.ok(bar);
    }

    private Bar json(ObjectNode o) {
        for (String field : REQUIRED_FIELDS) {
            Fields.required(o, field);
        }
        String t = Fields.optText(o, "ticker");
        long ts = Times.ts(o.get("ts"), "ts");
        double open = Fields.number(o, "open");
        double high = Fields.number(o, "high");
        double low = Fields.number(o, "low");
        double close = Fields.number(o, "close");
        JsonNode volume = o.get("volume");
        if (volume.isNumber() && volume.doubleValue() < 0) {
            throw new Reject(Reasons.NEGATIVE_VOLUME, "field 'volume' is negative");
        }
        long v = Fields.integer(o, "volume");
        Fields.optText(o, "interval");
        return new Bar(t, ts, open, high, low, close, v);
    }

    /**
     * Reads the common CSV line in one pass, without cutting it into cells: seven cells, a ticker
     * of printable ASCII without spaces or quotes, a time of {@link Scan#isoMillis}'s form, prices
     * of {@link Scan#simpleDecimal}'s and a whole volume not below zero. Returns null for every
     * other line (a header, a padded cell, a quote, an epoch time, a bad field), which the cells'
     * path reads: for the lines read here, both make the same bar ({@code BarParserProperties}).
     * Each ticker is the parser's one instance of its text, so later stages hash it once.
     */
    Bar plainCsv(String line) {
        int c1 = line.indexOf(',');
        int c2 = line.indexOf(',', c1 + 1);
        int c3 = line.indexOf(',', c2 + 1);
        int c4 = line.indexOf(',', c3 + 1);
        int c5 = line.indexOf(',', c4 + 1);
        int c6 = line.indexOf(',', c5 + 1);
        if (c1 <= 0 || c2 < 0 || c3 < 0 || c4 < 0 || c5 < 0 || c6 < 0
                || line.indexOf(',', c6 + 1) >= 0) {
            return null;
        }
        for (int i = 0; i < c1; i++) {
            char c = line.charAt(i);
            if (c <= ' ' || c > '~' || c == '"') {
                return null;
            }
        }
        long ts = Scan.isoMillis(line, c1 + 1, c2);
        double open = Scan.simpleDecimal(line, c2 + 1, c3);
        double high = Scan.simpleDecimal(line, c3 + 1, c4);
        double low = Scan.simpleDecimal(line, c4 + 1, c5);
        double close = Scan.simpleDecimal(line, c5 + 1, c6);
        double volume = Scan.simpleDecimal(line, c6 + 1, line.length());
        if (ts == Scan.NOT_SIMPLE || Double.isNaN(open) || Double.isNaN(high)
                || Double.isNaN(low) || Double.isNaN(close) || !(volume >= 0)
                || volume != Math.rint(volume)) {
            return null;
        }
        return new Bar(tickers.of(line, c1), ts, open, high, low, close, (long) volume);
    }

    /** Reads a CSV line cell by cell: null for the header, else a bar or a rejection. */
    Bar cellsCsv(String line) {
        List<String> cells = Csv.split(line, ',');
        if (Csv.isHeader(cells, CSV_HEADER)) {
            return null;
        }
        return csv(Csv.columns(cells, 7));
    }

    private Bar csv(List<String> c) {
        String t = Csv.required(c, 0, "ticker");
        long ts = Times.ts(Csv.required(c, 1, "ts"), "ts");
        return prices(t, ts, c, 2, CSV_HEADER);
    }

    private Bar ninja(List<String> c) {
        long ts = Times.ninjaUtc(Csv.required(c, 0, "time"));
        return prices(ticker, ts, c, 1, List.of("time", "open", "high", "low", "close", "volume"));
    }

    private Bar daily(List<String> c) {
        // read every cell first so an empty one is missing_field whatever else is wrong
        for (int i = 0; i < c.size(); i++) {
            Csv.required(c, i, DAILY_HEADER.get(i));
        }
        long ts = Times.newYork(Times.date(c.get(0), "date"), Times.CLOSE);
        return prices(c.get(6), ts, c, 1, DAILY_HEADER);
    }

    /** Reads open, high, low, close, volume from five consecutive cells starting at {@code i}. */
    private static Bar prices(String t, long ts, List<String> c, int i, List<String> names) {
        for (int k = i; k < i + 5; k++) {
            Csv.required(c, k, names.get(k));
        }
        double open = Fields.decimal(c.get(i), names.get(i));
        double high = Fields.decimal(c.get(i + 1), names.get(i + 1));
        double low = Fields.decimal(c.get(i + 2), names.get(i + 2));
        double close = Fields.decimal(c.get(i + 3), names.get(i + 3));
        long volume = Fields.volume(c.get(i + 4), names.get(i + 4));
        return new Bar(t, ts, open, high, low, close, volume);
    }

    private void validate(Bar b) {
        Fields.ticker(ctx, b.ticker());
        Fields.price(b.open(), "open");
        Fields.price(b.high(), "high");
        Fields.price(b.low(), "low");
        Fields.price(b.close(), "close");
        if (b.high() < b.low()) {
            throw new Reject(Reasons.HIGH_BELOW_LOW, "high " + b.high() + " < low " + b.low());
        }
        if (b.open() < b.low() || b.open() > b.high()) {
            throw new Reject(Reasons.HIGH_BELOW_LOW, "open " + b.open() + " outside [low, high]");
        }
        if (b.close() < b.low() || b.close() > b.high()) {
            throw new Reject(Reasons.HIGH_BELOW_LOW,
                    "close " + b.close() + " outside [low, high]");
        }
    }
}
