package io.tradeflow.io.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.event.VixQuote;
import io.tradeflow.io.RawRecord;

import java.util.List;

/**
 * Parses VIX quotes from the {@code vix} topic ({@code {"ts","value"}}) or from the daily CSV
 * {@code DATE,OPEN,HIGH,LOW,CLOSE} (ts = 16:00 America/New_York of DATE, value = CLOSE; the other
 * columns are ignored). The value must be finite ({@code non_finite_price}) and positive
 * ({@code non_positive_price}).
 *
 * <p>Future timestamps ({@code timestamp_in_future}): with a Kafka record timestamp, a ts more
 * than {@link ParseContext#maxFutureSkewMs()} after it is rejected; without one (files), a ts
 * more than that after the highest ts this instance accepted from the same source (the first
 * record of a source is accepted). Since the maximum only grows with accepted records, a gap
 * longer than the skew rejects every later record of the source: the daily file has three gaps
 * of up to 7 days (2001-09-10..17, 2006-12-29..2007-01-03, 2012-10-26..31): the default skew
 * of 7 days covers them.
 */
public final class VixParser implements InputParser<VixQuote> {
    private static final long serialVersionUID = 1L;

    /** The required fields, as in {@code schemas/vix.schema.json}. */
    public static final List<String> REQUIRED_FIELDS = List.of("ts", "value");
    public static final List<String> CSV_HEADER = List.of("DATE", "OPEN", "HIGH", "LOW", "CLOSE");

    private final RecordFormat format;
    private final FutureGuard future;

    public VixParser(ParseContext ctx) {
        this(ctx, RecordFormat.JSON);
    }

    public VixParser(ParseContext ctx, RecordFormat format) {
        this.format = format;
        this.future = new FutureGuard(ctx.maxFutureSkewMs());
    }

    @Override
    public Parsed<VixQuote> parse(RawRecord raw) {
        return Parsing.guard(raw, this::read);
    }

    private Parsed<VixQuote> read(RawRecord raw) {
        String line = Parsing.line(raw.payload());
        if (Parsing.blankLine(raw, line)) {
            return Parsed.skip();
        }
        VixQuote quote;
        if (format == RecordFormat.JSON) {
            ObjectNode o = Fields.object(line);
            for (String field : REQUIRED_FIELDS) {
                Fields.required(o, field);
            }
            long ts = Times.ts(o.get("ts"), "ts");
            quote = new VixQuote(ts, Fields.number(o, "value"));
        } else {
            List<String> cells = Csv.split(line, ',');
            if (Csv.isHeader(cells, CSV_HEADER)) {
                return Parsed.skip();
            }
            cells = Csv.split(line, ',', CSV_HEADER.size());
            long ts = Times.newYork(
                    Times.date(Csv.required(cells, 0, "DATE"), "DATE"), Times.CLOSE);
            quote = new VixQuote(ts, Fields.decimal(Csv.required(cells, 4, "CLOSE"), "CLOSE"));
        }
        Fields.price(quote.value(), "value");
        future.admit(raw, quote.ts());
        return Parsed.ok(quote);
    }
}
