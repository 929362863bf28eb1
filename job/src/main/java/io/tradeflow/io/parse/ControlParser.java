package io.tradeflow.io.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.event.ControlCommand;
import io.tradeflow.io.RawRecord;
import io.tradeflow.io.TrustDomain;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parses signed control commands from the {@code control} topic:
 * {@code {"id","account","command","args"?,"key_id"?,"ts","signature"}}. The command's
 * {@code issued_by} is the id of the control key that signed it ({@code key_id}); an
 * {@code issued_by} field in the record is signed like the others but not believed.
 *
 * <p>Order of checks: well-formed JSON, the HMAC signature (R-SIG-6), required fields, types,
 * {@code command} one of {@link #COMMANDS} and {@code args} an object of strings
 * ({@code invalid_value}), {@code account} {@code *} or known ({@code unknown_account}), future
 * timestamp.
 *
 * <p>Future timestamps ({@code timestamp_in_future}): with a Kafka record timestamp, a ts more
 * than {@link ParseContext#maxFutureSkewMs()} after it is rejected; without one (files), more than
 * that after the highest ts this instance accepted from the same source (the first record of a
 * source is accepted).
 */
public final class ControlParser implements InputParser<ControlCommand> {
    private static final long serialVersionUID = 1L;

    /** The required fields, as in {@code schemas/control.schema.json}. */
    public static final List<String> REQUIRED_FIELDS =
            List.of("id", "account", "command", "ts", "signature");
    /** Adopts the broker's latest position snapshot (R-REC-2), with {@code {"accept":"true"}}. */
    public static final String RECONCILE = "reconcile";
    public static final Set<String> COMMANDS = Set.of("pause", "resume", "set-tier", "set",
            RECONCILE);
    public static final String ALL_ACCOUNTS = "*";

    private final ParseContext ctx;
    private final FutureGuard future;

    public ControlParser(ParseContext ctx) {
        this.ctx = ctx;
        this.future = new FutureGuard(ctx.maxFutureSkewMs());
    }

    @Override
    public Parsed<ControlCommand> parse(RawRecord raw) {
        return Parsing.guard(raw, this::read);
    }

    private Parsed<ControlCommand> read(RawRecord raw) {
        String line = Parsing.line(raw.payload());
        if (Parsing.blankLine(raw, line)) {
            return Parsed.skip();
        }
        ObjectNode o = Fields.object(line);
        // who issued a command is the key that signed it, whatever the sender wrote
        String issuedBy = Fields.verifySignature(ctx, TrustDomain.CONTROL, o, "ts");
        for (String field : REQUIRED_FIELDS) {
            Fields.required(o, field);
        }
        String id = Fields.text(o, "id");
        String account = Fields.text(o, "account");
        String command = Fields.text(o, "command");
        if (!COMMANDS.contains(command)) {
            throw Fields.invalid("command",
                    "must be one of pause, resume, set-tier, set, reconcile");
        }
        Map<String, String> args = args(Fields.opt(o, "args"));
        long ts = Times.ts(o.get("ts"), "ts");
        String signature = Fields.text(o, "signature");
        if (!account.equals(ALL_ACCOUNTS)) {
            Fields.account(ctx, account);
        }
        future.admit(raw, ts);
        return Parsed.ok(new ControlCommand(id, account, command, args, issuedBy, ts, signature));
    }

    private static Map<String, String> args(JsonNode node) {
        Map<String, String> args = new TreeMap<>();
        if (node == null) {
            return args;
        }
        if (!node.isObject()) {
            throw Fields.invalid("args", "must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw Fields.invalid("args", "must be an object of strings");
            }
            args.put(e.getKey(), e.getValue().textValue());
        }
        return args;
    }
}
