package io.tradeflow.io.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.event.OptionQuote;
import io.tradeflow.io.RawRecord;
import io.tradeflow.rules.options.OptionContract;
import io.tradeflow.rules.options.OptionRight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Parses option quotes from the {@code option-quotes} topic (JSON) and from CSV files with the
 * header {@code underlying,expiry,strike,right,bid,ask,last,iv,ts} ({@code last} and {@code iv}
 * may be empty). {@code expiry} is {@code yyyy-MM-dd}, {@code strike} dollars of at most three
 * decimals, {@code right} {@code call} or {@code put} (any case, or {@code C}/{@code P}),
 * {@code ts} ISO-8601 with an offset or epoch milliseconds.
 *
 * <p>Checks, each its own dead-letter reason: the underlying is a ticker some account trades
 * ({@code unknown_ticker}); prices are finite ({@code non_finite_price}) and not negative
 * ({@code negative_price}), the ask above zero ({@code non_positive_price}); the bid is not above
 * the ask ({@code crossed_quote}); the quote is not timed after the 16:00 New York close of the
 * expiry day ({@code expired_contract}); the implied volatility, when given, is finite and not
 * negative ({@code invalid_value}). Future timestamps as {@link BarParser}.
 */
public final class OptionQuoteParser implements InputParser<OptionQuote> {
    private static final long serialVersionUID = 1L;

    /** The required fields, as in {@code schemas/option-quotes.schema.json}. */
    public static final List<String> REQUIRED_FIELDS =
            List.of("underlying", "expiry", "strike", "right", "bid", "ask", "ts");
    public static final List<String> CSV_HEADER =
            List.of("underlying", "expiry", "strike", "right", "bid", "ask", "last", "iv", "ts");

    private final ParseContext ctx;
    private final RecordFormat format;
    private final FutureGuard future;

    public OptionQuoteParser(ParseContext ctx) {
        this(ctx, RecordFormat.JSON);
    }

    public OptionQuoteParser(ParseContext ctx, RecordFormat format) {
        this.ctx = ctx;
        this.format = format;
        this.future = new FutureGuard(ctx.maxFutureSkewMs());
    }

    @Override
    public Parsed<OptionQuote> parse(RawRecord raw) {
        return Parsing.guard(raw, this::read);
    }

    private Parsed<OptionQuote> read(RawRecord raw) {
        String line = Parsing.line(raw.payload());
        if (Parsing.blankLine(raw, line)) {
            return Parsed.skip();
        }
        OptionQuote quote;
        if (format == RecordFormat.JSON) {
            quote = json(Fields.object(line));
        } else {
            List<String> cells = Csv.split(line, ',');
            if (Csv.isHeader(cells, CSV_HEADER)) {
                return Parsed.skip();
            }
            quote = csv(Csv.columns(cells, CSV_HEADER.size()));
        }
        validate(quote);
        future.admit(raw, quote.ts());
        return Parsed.ok(quote);
    }

    private OptionQuote json(ObjectNode o) {
        for (String field : REQUIRED_FIELDS) {
            Fields.required(o, field);
        }
        String underlying = Fields.text(o, "underlying");
        LocalDate expiry = Times.date(Fields.text(o, "expiry"), "expiry");
        JsonNode strike = o.get("strike");
        if (!strike.isNumber()) {
            throw Fields.invalid("strike", "must be a number");
        }
        OptionRight right = right(Fields.text(o, "right"));
        double bid = Fields.number(o, "bid");
        double ask = Fields.number(o, "ask");
        Double last = Fields.optNumber(o, "last");
        Double iv = Fields.optNumber(o, "iv");
        long ts = Times.ts(o.get("ts"), "ts");
        return quote(underlying, expiry, strike.decimalValue(), right, bid, ask, last, iv, ts);
    }

    private OptionQuote csv(List<String> c) {
        for (int i = 0; i < c.size(); i++) {
            String name = CSV_HEADER.get(i);
            if (!"last".equals(name) && !"iv".equals(name)) {
                Csv.required(c, i, name);
            }
        }
        LocalDate expiry = Times.date(c.get(1), "expiry");
        BigDecimal strike;
        try {
            strike = new BigDecimal(c.get(2));
        } catch (NumberFormatException e) {
            throw Fields.invalid("strike", "must be a number");
        }
        OptionRight right = right(c.get(3));
        double bid = Fields.decimal(c.get(4), "bid");
        double ask = Fields.decimal(c.get(5), "ask");
        Double last = c.get(6).isEmpty() ? null : Fields.decimal(c.get(6), "last");
        Double iv = c.get(7).isEmpty() ? null : Fields.decimal(c.get(7), "iv");
        long ts = Times.ts(c.get(8), "ts");
        return quote(c.get(0), expiry, strike, right, bid, ask, last, iv, ts);
    }

    private static OptionRight right(String text) {
        String t = text.strip();
        if (t.length() == 1) {
            t = t.equalsIgnoreCase("C") ? "call" : t.equalsIgnoreCase("P") ? "put" : t;
        }
        try {
            return OptionRight.parse(t);
        } catch (IllegalArgumentException e) {
            throw Fields.invalid("right", "must be call or put");
        }
    }

    private static OptionQuote quote(String underlying, LocalDate expiry, BigDecimal strike,
            OptionRight right, double bid, double ask, Double last, Double iv, long ts) {
        OptionContract contract;
        try {
            contract = OptionContract.of(underlying, expiry, right, strike);
        } catch (IllegalArgumentException e) {
            throw new Reject(Reasons.INVALID_VALUE, e.getMessage());
        }
        return new OptionQuote(underlying, expiry.toString(), contract.strikeThousandths(),
                right.name(), bid, ask, last, iv, ts);
    }

    private void validate(OptionQuote q) {
        if (!ctx.knowsTicker(q.underlying())) {
            throw new Reject(Reasons.UNKNOWN_TICKER,
                    "unknown underlying '" + q.underlying() + "'");
        }
        finite(q.bid(), "bid");
        finite(q.ask(), "ask");
        if (q.last() != null) {
            finite(q.last(), "last");
        }
        notNegative(q.bid(), "bid");
        notNegative(q.ask(), "ask");
        if (q.last() != null) {
            notNegative(q.last(), "last");
        }
        if (q.ask() == 0) {
            throw new Reject(Reasons.NON_POSITIVE_PRICE, "field 'ask' is not positive");
        }
        if (q.bid() > q.ask()) {
            throw new Reject(Reasons.CROSSED_QUOTE, "bid " + q.bid() + " > ask " + q.ask());
        }
        if (q.iv() != null && !(Double.isFinite(q.iv()) && q.iv() >= 0)) {
            throw Fields.invalid("iv", "must be a finite number not below 0");
        }
        long close = Times.newYork(LocalDate.parse(q.expiry()), Times.CLOSE);
        if (q.ts() > close) {
            throw new Reject(Reasons.EXPIRED_CONTRACT, "quoted at " + Times.show(q.ts())
                    + ", after the close of its expiry day " + q.expiry());
        }
    }

    private static void finite(double v, String field) {
        if (!Double.isFinite(v)) {
            throw new Reject(Reasons.NON_FINITE_PRICE, "field '" + field + "' is not finite");
        }
    }

    private static void notNegative(double v, String field) {
        if (v < 0) {
            throw new Reject(Reasons.NEGATIVE_PRICE, "field '" + field + "' is negative");
        }
    }
}
