package io.tradeflow.io.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.event.BrokerPositions;
import io.tradeflow.io.RawRecord;
import io.tradeflow.io.TrustDomain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the broker's position snapshots from the {@code broker-positions} topic (R-REC-2):
 * {@code {"id","account","ts","cash","positions":[{"ticker","quantity","average_price"}]}}.
 *
 * <p>Checks: when broker keys are configured ({@link TrustDomain#BROKER}), the HMAC signature
 * first, as for fills (R-SIG-6); then required fields, types, cash a finite number, {@code
 * positions} an array whose entries each name a ticker once ({@code invalid_value} for a repeat),
 * a whole quantity (below zero short; a zero entry is a flat ticker, left out) and an average price
 * finite ({@code non_finite_price}) and positive ({@code non_positive_price}); known account
 * ({@code unknown_account}). A ticker outside every universe is kept: the broker holding it is a
 * difference the comparison reports, not a malformed snapshot.
 */
public final class BrokerPositionsParser implements InputParser<BrokerPositions> {
    private static final long serialVersionUID = 1L;

    /** The required fields, as in {@code schemas/broker-positions.schema.json}. */
    public static final List<String> REQUIRED_FIELDS = List.of(
            "id", "account", "ts", "cash", "positions");
    /** The required fields of each position. */
    public static final List<String> POSITION_FIELDS = List.of(
            "ticker", "quantity", "average_price");

    private final ParseContext ctx;
    private final FutureGuard future;

    public BrokerPositionsParser(ParseContext ctx) {
        this.ctx = ctx;
        this.future = new FutureGuard(ctx.maxFutureSkewMs());
    }

    @Override
    public Parsed<BrokerPositions> parse(RawRecord raw) {
        return Parsing.guard(raw, this::read);
    }

    private Parsed<BrokerPositions> read(RawRecord raw) {
        String line = Parsing.line(raw.payload());
        if (Parsing.blankLine(raw, line)) {
            return Parsed.skip();
        }
        ObjectNode o = Fields.brokerMessage(ctx, line);
        for (String field : REQUIRED_FIELDS) {
            Fields.required(o, field);
        }
        String id = Fields.text(o, "id");
        String account = Fields.text(o, "account");
        double cashValue = Fields.number(o, "cash");
        if (!Double.isFinite(cashValue)) {
            throw Fields.invalid("cash", "must be finite");
        }
        BigDecimal cash = o.get("cash").decimalValue();
        JsonNode list = o.get("positions");
        if (!list.isArray()) {
            throw Fields.invalid("positions", "must be an array");
        }
        List<BrokerPositions.Holding> positions = new ArrayList<>();
        Set<String> tickers = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isObject()) {
                throw Fields.invalid("positions[" + i + "]", "must be an object");
            }
            ObjectNode p = (ObjectNode) list.get(i);
            for (String field : POSITION_FIELDS) {
                if (Fields.opt(p, field) == null) {
                    throw Fields.missing("positions[" + i + "]." + field);
                }
            }
            String ticker = Fields.text(p, "ticker");
            if (!tickers.add(ticker)) {
                throw Fields.invalid("positions[" + i + "].ticker", "repeats " + ticker);
            }
            long quantity = Fields.integer(p, "quantity");
            double average = Fields.price(Fields.number(p, "average_price"),
                    "positions[" + i + "].average_price");
            if (quantity != 0) {
                positions.add(new BrokerPositions.Holding(ticker, quantity, average));
            }
        }
        positions.sort(Comparator.comparing(BrokerPositions.Holding::ticker));
        long ts = Times.ts(o.get("ts"), "ts");
        Fields.account(ctx, account);
        future.admit(raw, ts);
        return Parsed.ok(new BrokerPositions(id, account, ts, cash, List.copyOf(positions)));
    }
}
