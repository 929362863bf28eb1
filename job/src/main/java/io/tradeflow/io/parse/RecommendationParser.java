package io.tradeflow.io.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.event.Recommendation;
import io.tradeflow.io.RawRecord;
import io.tradeflow.io.TrustDomain;

import java.util.List;
import java.util.Set;

/**
 * Parses signed recommendations from the {@code recommendations} topic (JSON) or from CSV files.
 *
 * <p>Order of checks: well-formed JSON (or CSV), then the HMAC signature (R-SIG-6: missing,
 * not matching, or no secret configured), then required fields ({@code missing_field}), types and
 * ranges ({@code invalid_value}; confidence in [0, 1]), account ({@code unknown_account}), ticker
 * ({@code unknown_ticker}), price ({@code non_finite_price}, {@code non_positive_price}), future
 * timestamp. {@code action} and {@code mode} are not checked here: the engine records a skip for
 * values it does not act on (R-SIG-4).
 *
 * <p>The CSV form has the header {@link #CSV_HEADER}; an empty cell is an absent field. A row is
 * turned into the same JSON object as the topic would carry (numeric columns as JSON numbers when
 * they read as numbers), so a row signed over its JSON form verifies.
 *
 * <p>Future timestamps ({@code timestamp_in_future}, on {@code generated_at}): with a Kafka record
 * timestamp, more than {@link ParseContext#maxFutureSkewMs()} after it is rejected; without one
 * (files), more than that after the highest {@code generated_at} this instance accepted from the
 * same source (the first record of a source is accepted). Use one instance per source.
 */
public final class RecommendationParser implements InputParser<Recommendation> {
    private static final long serialVersionUID = 1L;

    /** The required fields, as in {@code schemas/recommendations.schema.json}. */
    public static final List<String> REQUIRED_FIELDS = List.of("id", "ticker", "action",
            "confidence", "signal_type", "mode", "generated_at", "signature");
    public static final List<String> CSV_HEADER = List.of("id", "account", "ticker", "action",
            "confidence", "signal_type", "mode", "generated_at", "price", "score", "max_score",
            "rel_vol", "sector", "signature");
    private static final Set<String> NUMERIC_COLUMNS =
            Set.of("confidence", "generated_at", "price", "score", "max_score", "rel_vol");

    private final ParseContext ctx;
    private final RecordFormat format;
    private final FutureGuard future;

    public RecommendationParser(ParseContext ctx) {
        this(ctx, RecordFormat.JSON);
    }

    public RecommendationParser(ParseContext ctx, RecordFormat format) {
        this.ctx = ctx;
        this.format = format;
        this.future = new FutureGuard(ctx.maxFutureSkewMs());
    }

    @Override
    public Parsed<Recommendation> parse(RawRecord raw) {
        return Parsing.guard(raw, this::read);
    }

    private Parsed<Recommendation> read(RawRecord raw) {
        String line = Parsing.line(raw.payload());
        if (Parsing.blankLine(raw, line)) {
            return Parsed.skip();
        }
        ObjectNode o;
        if (format == RecordFormat.JSON) {
            o = Fields.object(line);
        } else {
            List<String> cells = Csv.split(line, ',');
            if (Csv.isHeader(cells, CSV_HEADER)) {
                return Parsed.skip();
            }
            o = toJson(Csv.split(line, ',', CSV_HEADER.size()));
        }
        Fields.verifySignature(ctx, TrustDomain.RECOMMENDATIONS, o, "generated_at");
        Recommendation r = read(o);
        future.admit(raw, r.generatedAt());
        return Parsed.ok(r);
    }

    private Recommendation read(ObjectNode o) {
        for (String field : REQUIRED_FIELDS) {
            Fields.required(o, field);
        }
        String id = Fields.text(o, "id");
        String ticker = Fields.optText(o, "ticker");
        String action = Fields.text(o, "action");
        double confidence = Fields.number(o, "confidence");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw Fields.invalid("confidence", "must be in [0, 1]");
        }
        String signalType = Fields.text(o, "signal_type");
        String mode = Fields.text(o, "mode");
        long generatedAt = Times.ts(o.get("generated_at"), "generated_at");
        String account = Fields.optText(o, "account");
        Double price = Fields.optNumber(o, "price");
        Double score = finite(Fields.optNumber(o, "score"), "score");
        Double maxScore = finite(Fields.optNumber(o, "max_score"), "max_score");
        Double relVol = finite(Fields.optNumber(o, "rel_vol"), "rel_vol");
        String sector = Fields.optText(o, "sector");
        String signature = Fields.text(o, "signature");
        if (account != null) {
            Fields.account(ctx, account);
        }
        Fields.ticker(ctx, ticker);
        if (price != null) {
            Fields.price(price, "price");
        }
        return new Recommendation(id, account, ticker, action, confidence, signalType, mode,
                generatedAt, price, score, maxScore, relVol, sector, signature);
    }

    private static Double finite(Double v, String field) {
        if (v != null && !Double.isFinite(v)) {
            throw Fields.invalid(field, "is not finite");
        }
        return v;
    }

    /** Turns a CSV row into the JSON object it stands for; empty cells are left out. */
    static ObjectNode toJson(List<String> cells) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < CSV_HEADER.size(); i++) {
            String name = CSV_HEADER.get(i);
            String cell = cells.get(i);
            if (cell.isEmpty()) {
                continue;
            }
            JsonNode number = NUMERIC_COLUMNS.contains(name) ? number(cell) : null;
            if (number != null) {
                o.set(name, number);
            } else {
                o.put(name, cell);
            }
        }
        return o;
    }

    /** Returns the cell as the JSON number node Jackson reads for it, or null if not a number. */
    private static JsonNode number(String cell) {
        try {
            JsonNode node = Fields.JSON.readTree(cell);
            return node != null && node.isNumber() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
