package io.tradeflow.io.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.event.Fill;
import io.tradeflow.io.RawRecord;
import io.tradeflow.io.TrustDomain;

import java.util.List;
import java.util.Set;

/**
 * Parses broker fills from the {@code fills} topic:
 * {@code {"client_order_id","execution_id","account","ticker","side","quantity","price",
 * "commission"?,"ts"}}.
 *
 * <p>Checks: when broker keys are configured ({@link TrustDomain#BROKER}), the HMAC signature
 * first, as for recommendations (R-SIG-6, {@code unknown_key}, {@code key_expired}); then
 * required fields (a blank {@code execution_id}, like any blank text, is
 * {@code invalid_value}: the engine applies each execution id once, R-FILL-1), types,
 * {@code side} {@code buy} or {@code sell}, quantity a whole number above zero and commission
 * finite and not negative ({@code invalid_value}), price finite ({@code non_finite_price}) and
 * positive ({@code non_positive_price}), known account ({@code unknown_account}) and ticker
 * ({@code unknown_ticker}). An absent commission is 0.
 *
 * <p>Future timestamps ({@code timestamp_in_future}): with a Kafka record timestamp, a ts more
 * than {@link ParseContext#maxFutureSkewMs()} after it is rejected; without one (files), more than
 * that after the highest ts this instance accepted from the same source (the first record of a
 * source is accepted).
 */
public final class FillParser implements InputParser<Fill> {
    private static final long serialVersionUID = 1L;

    /** The required fields, as in {@code schemas/fills.schema.json}. */
    public static final List<String> REQUIRED_FIELDS = List.of(
            "client_order_id", "execution_id", "account", "ticker", "side", "quantity", "price",
            "ts");
    public static final Set<String> SIDES = Set.of("buy", "sell");

    private final ParseContext ctx;
    private final FutureGuard future;

    public FillParser(ParseContext ctx) {
        this.ctx = ctx;
        this.future = new FutureGuard(ctx.maxFutureSkewMs());
    }

    @Override
    public Parsed<Fill> parse(RawRecord raw) {
        return Parsing.guard(raw, this::read);
    }

    private Parsed<Fill> read(RawRecord raw) {
        String line = Parsing.line(raw.payload());
        if (Parsing.blankLine(raw, line)) {
            return Parsed.skip();
        }
        ObjectNode o = Fields.brokerMessage(ctx, line);
        for (String field : REQUIRED_FIELDS) {
            Fields.required(o, field);
        }
        String clientOrderId = Fields.text(o, "client_order_id");
        String executionId = Fields.text(o, "execution_id");
        String account = Fields.text(o, "account");
        String ticker = Fields.optText(o, "ticker");
        String side = Fields.text(o, "side");
        if (!SIDES.contains(side)) {
            throw Fields.invalid("side", "must be buy or sell");
        }
        long quantity = Fields.integer(o, "quantity");
        if (quantity <= 0) {
            throw Fields.invalid("quantity", "must be above zero");
        }
        double price = Fields.number(o, "price");
        Double commission = Fields.optNumber(o, "commission");
        if (commission != null && !(Double.isFinite(commission) && commission >= 0)) {
            throw Fields.invalid("commission", "must be finite and not negative");
        }
        long ts = Times.ts(o.get("ts"), "ts");
        Fields.account(ctx, account);
        Fields.ticker(ctx, ticker);
        Fields.price(price, "price");
        future.admit(raw, ts);
        return Parsed.ok(Fill.of(clientOrderId, executionId, account, ticker, side, quantity,
                price, commission == null ? 0.0 : commission, ts));
    }
}
