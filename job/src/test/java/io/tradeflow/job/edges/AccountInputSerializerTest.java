package io.tradeflow.job.edges;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.CalendarEvent;
import io.tradeflow.event.ControlCommand;
import io.tradeflow.event.Fill;
import io.tradeflow.event.Indicators;
import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.OptionQuote;
import io.tradeflow.event.RapidMove;
import io.tradeflow.event.Recommendation;
import io.tradeflow.event.VixQuote;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flink's serializer contract for the account engine's input edge, over every kind of input: a
 * tick with its ATR only, a run of such ticks and a recommendation take the written-out forms,
 * every other input (a tick or a run with more indicators included) the record serializer, and
 * each comes back equal.
 */
class AccountInputSerializerTest extends SerializerTestBase<AccountInput> {
    static final long TS = 1_736_951_400_000L; // 2025-01-15 09:30 ET
    static final Bar BAR = new Bar("AAPL", TS, 235.5, 236.25, 235.0, 236.0, 120_000);

    @Override
    protected TypeSerializer<AccountInput> createSerializer() {
        return EdgeTypes.ACCOUNT_INPUT.createSerializer(new SerializerConfigImpl());
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<AccountInput> getTypeClass() {
        return AccountInput.class;
    }

    @Override
    protected AccountInput[] getTestData() {
        Indicators full = new Indicators(true, 1.25, 55.0, 235.1, 234.9, 0.2, 0.1, 0.1, 235.4,
                100_000.0, 1.2, 236.0, 235.0, 235.5, 237.0, 234.0, 234.8, 235.2);
        return new AccountInput[] {
            AccountInput.of("intraday-1", MarketTick.withAtr(BAR, 1.25)),
            AccountInput.of("intraday-1", MarketTick.withAtr(BAR, null)),
            AccountInput.of("swing-ü", MarketTick.withAtr(
                    new Bar("BRK.B", TS + 60_000, 0.0001, 1e9, -0.0, Double.MIN_VALUE, 0), 0.0)),
            AccountInput.of("intraday-1", new MarketTick(BAR, full)),
            AccountInput.of("intraday-1", new CalendarEvent("2025-01-20", "holiday", null, null,
                    TS)),
            AccountInput.of("intraday-1", new ControlCommand("c-1", "intraday-1", "set",
                    Map.of("key", "max-positions", "value", "3"), "ops", TS, "sig")),
            AccountInput.of("intraday-1", new VixQuote(TS, 18.5)),
            AccountInput.of("intraday-1", new Fill("o-1", "x-1", "intraday-1", "AAPL", "buy",
                    10, 235.6, 0.35, TS, 0)),
            AccountInput.of("intraday-1", new Recommendation("r-1", null, "AAPL", "buy", 0.8,
                    "orb", "intraday", TS, 235.5, 3.0, 5.0, 1.4, "Technology", "sig")),
            AccountInput.of("swing-1", new Recommendation("r-2", "swing-1", "MSFT", "sell", 0.55,
                    null, null, TS + 1, null, null, null, null, null, null)),
            AccountInput.of("intraday-1", new MarketEvent("vix_halt", "on", "high", TS,
                    TS + 900_000, 31.0, "VIX above 30"), TS),
            AccountInput.of("intraday-1", new RapidMove("AAPL", TS - 300_000, 230.0, TS, 236.0,
                    2.6, "up"), TS),
            AccountInput.of("options-1", new OptionQuote("SPY", "2025-01-15", 590_500, "CALL",
                    1.5, 1.55, null, 0.14, TS)),
            AccountInput.of("options-1", new OptionQuote("SPY", "2025-01-17", 585_000, "PUT",
                    0, 0.05, 0.03, null, TS + 1)),
            AccountInput.of("intraday-1", List.of(MarketTick.withAtr(BAR, 1.25),
                    MarketTick.withAtr(next(BAR), null))),
            AccountInput.of("intraday-1", List.of(MarketTick.withAtr(BAR, null))),
            AccountInput.of("intraday-1", List.of(new MarketTick(BAR, full),
                    MarketTick.withAtr(next(BAR), 1.3)))
        };
    }

    @Test
    void writesATickWithItsAtrOnlyInItsOwnShortForm() throws IOException {
        TypeSerializer<AccountInput> s = createSerializer();
        TypeSerializer<AccountInput> records = new AccountInputSerializer(
                org.apache.flink.api.common.typeinfo.TypeInformation.of(AccountInput.class)
                        .createSerializer(new SerializerConfigImpl())).other();
        AccountInput tick = getTestData()[0];
        AccountInput rich = getTestData()[3];

        // tag 1, account 1 + 10, ticker 1 + 4 (a length byte, Latin-1), time 8, OHLC 32,
        // volume 8, ATR 8
        assertThat(bytes(s, tick)).hasSize(73);
        assertThat(bytes(records, tick).length).isGreaterThan(73);
        // anything else: a tag byte, then the record serializer's bytes
        assertThat(bytes(s, rich)).hasSize(bytes(records, rich).length + 1);
        assertThat(read(s, bytes(s, rich))).isEqualTo(rich);
    }

    @Test
    @DisplayName("a run of ticks with their ATR only takes its short form and comes back as the "
            + "ticks it carries, each alone")
    void writesARunOfTicksInItsShortForm() throws IOException {
        TypeSerializer<AccountInput> s = createSerializer();
        List<MarketTick> ticks = new ArrayList<>();
        Bar bar = BAR;
        for (int i = 0; i < 390; i++) {
            ticks.add(MarketTick.withAtr(bar, i % 2 == 0 ? 1.25 : null));
            bar = next(bar);
        }
        AccountInput run = AccountInput.of("intraday-1", ticks);
        int singles = 0;
        for (AccountInput part : run.parts()) {
            singles += bytes(s, part).length;
        }

        assertThat(run.ts()).isEqualTo(TS);
        assertThat(bytes(s, run).length).isLessThan(singles);
        AccountInput back = read(s, bytes(s, run));
        assertThat(back).isEqualTo(run);
        assertThat(back.parts()).hasSize(390).allMatch(p -> AccountInput.TICK.equals(p.kind()))
                .extracting(AccountInput::tick).containsExactlyElementsOf(ticks);
    }

    private static Bar next(Bar b) {
        return new Bar(b.ticker(), b.ts() + 60_000, b.open(), b.high(), b.low(), b.close(),
                b.volume());
    }

    private static byte[] bytes(TypeSerializer<AccountInput> s, AccountInput in)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        s.serialize(in, out);
        return out.getCopyOfBuffer();
    }

    private static AccountInput read(TypeSerializer<AccountInput> s, byte[] b)
            throws IOException {
        return s.deserialize(new DataInputDeserializer(b));
    }
}
