package io.tradeflow.job.edges;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.Recommendation;

import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.DoubleSerializer;
import org.apache.flink.api.java.typeutils.runtime.NullableSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the account engine's inputs. A tick as the router sends it (a bar and its ATR, nothing
 * else: nearly every record) and a recommendation (a signal of the ticker stage: one bar in ten
 * on a busy replay) are written field by field, texts as {@link Compact} writes them; a run of
 * one ticker's ticks (BATCH's way of sending them) as its bars (the ticker once), then their ATRs;
 * every other input, rare by comparison, goes through Flink's record serializer after a tag byte.
 */
public final class AccountInputSerializer extends ImmutableSerializer<AccountInput> {
    private static final long serialVersionUID = 1L;
    private static final byte OTHER = 0;
    private static final byte TICK = 1;
    private static final byte TICK_NO_ATR = 2;
    private static final byte RECOMMENDATION = 3;
    private static final byte TICKS = 4;
    /** Flink's own null-marking wrapper: a flag byte, then the value when there is one. */
    private static final TypeSerializer<Double> OPTIONAL_DOUBLE =
            NullableSerializer.wrap(DoubleSerializer.INSTANCE, false);

    private final TypeSerializer<AccountInput> other;

    AccountInputSerializer(TypeSerializer<AccountInput> other) {
        this.other = other;
    }

    /** Returns the serializer of every input but a tick with its ATR only. */
    TypeSerializer<AccountInput> other() {
        return other;
    }

    @Override
    public TypeSerializer<AccountInput> duplicate() {
        TypeSerializer<AccountInput> d = other.duplicate();
        return d == other ? this : new AccountInputSerializer(d);
    }

    @Override
    public AccountInput createInstance() {
        return AccountInput.of("", MarketTick.withAtr(new Bar("", 0, 0, 0, 0, 0, 0), null));
    }

    @Override
    public void serialize(AccountInput in, DataOutputView out) throws IOException {
        if (isRecommendation(in)) {
            out.writeByte(RECOMMENDATION);
            text(in.account(), out);
            write(in.recommendation(), out);
            return;
        }
        if (isSlimRun(in)) {
            out.writeByte(TICKS);
            text(in.account(), out);
            out.writeInt(in.ticks().size());
            Compact.bars(in.ticks(), MarketTick::bar, out);
            for (MarketTick t : in.ticks()) {
                number(t.atr(), out);
            }
            return;
        }
        if (!isSlimTick(in)) {
            out.writeByte(OTHER);
            other.serialize(in, out);
            return;
        }
        Double atr = in.tick().atr();
        out.writeByte(atr == null ? TICK_NO_ATR : TICK);
        text(in.account(), out);
        BarSerializer.write(in.tick().bar(), out);
        if (atr != null) {
            out.writeDouble(atr);
        }
    }

    @Override
    public AccountInput deserialize(DataInputView in) throws IOException {
        byte tag = in.readByte();
        if (tag == OTHER) {
            return other.deserialize(in);
        }
        if (tag == RECOMMENDATION) {
            String account = text(in);
            return AccountInput.of(account, readRecommendation(in));
        }
        if (tag == TICKS) {
            String account = text(in);
            int n = in.readInt();
            List<Bar> bars = new ArrayList<>(n);
            Compact.bars(in, n, bars);
            List<MarketTick> ticks = new ArrayList<>(n);
            for (Bar b : bars) {
                ticks.add(MarketTick.withAtr(b, number(in)));
            }
            return AccountInput.of(account, ticks);
        }
        String account = text(in);
        Bar bar = BarSerializer.read(in);
        return AccountInput.of(account, MarketTick.withAtr(bar, tag == TICK ? in.readDouble()
                : null));
    }

    /**
     * Returns whether {@code in} is exactly what {@link AccountInput#of(String, MarketTick)} makes
     * of a tick with its ATR only.
     */
    static boolean isSlimTick(AccountInput in) {
        MarketTick t = in.tick();
        return AccountInput.TICK.equals(in.kind()) && t != null && in.account() != null
                && t.bar() != null && in.ts() == t.ts() && payloads(in) == 1
                && t.indicators().isAtrOnly();
    }

    /**
     * Returns whether {@code in} is exactly what {@link AccountInput#of(String, List)} makes of
     * ticks with their ATR only.
     */
    static boolean isSlimRun(AccountInput in) {
        if (!AccountInput.TICKS.equals(in.kind()) || in.ticks() == null || in.account() == null
                || in.ticks().isEmpty() || in.ts() != in.ticks().get(0).ts()
                || payloads(in) != 1) {
            return false;
        }
        for (MarketTick t : in.ticks()) {
            if (t.bar() == null || !t.indicators().isAtrOnly()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns whether {@code in} is exactly what {@link AccountInput#of(String, Recommendation)}
     * makes.
     */
    static boolean isRecommendation(AccountInput in) {
        Recommendation r = in.recommendation();
        return AccountInput.RECOMMENDATION.equals(in.kind()) && r != null && in.account() != null
                && in.ts() == r.generatedAt() && payloads(in) == 1;
    }

    /** Returns how many of the input's payload fields are set: one, as its factories make it. */
    private static int payloads(AccountInput in) {
        // per record on the busiest edge: counted without allocating
        return set(in.calendar()) + set(in.control()) + set(in.vix()) + set(in.fill())
                + set(in.tick()) + set(in.recommendation()) + set(in.market())
                + set(in.rapidMove()) + set(in.brokerPositions()) + set(in.optionQuote())
                + set(in.ticks());
    }

    private static int set(Object payload) {
        return payload == null ? 0 : 1;
    }

    private static void text(String s, DataOutputView out) throws IOException {
        Compact.text(s, out); // null-safe
    }

    private static String text(DataInputView in) throws IOException {
        return Compact.text(in);
    }

    private static void number(Double d, DataOutputView out) throws IOException {
        OPTIONAL_DOUBLE.serialize(d, out);
    }

    private static Double number(DataInputView in) throws IOException {
        return OPTIONAL_DOUBLE.deserialize(in);
    }

    private static void write(Recommendation r, DataOutputView out) throws IOException {
        text(r.id(), out);
        text(r.account(), out);
        text(r.ticker(), out);
        text(r.action(), out);
        out.writeDouble(r.confidence());
        text(r.signalType(), out);
        text(r.mode(), out);
        out.writeLong(r.generatedAt());
        number(r.price(), out);
        number(r.score(), out);
        number(r.maxScore(), out);
        number(r.relVol(), out);
        text(r.sector(), out);
        text(r.signature(), out);
    }

    private static Recommendation readRecommendation(DataInputView in) throws IOException {
        return new Recommendation(text(in), text(in), text(in), text(in), in.readDouble(),
                text(in), text(in), in.readLong(), number(in), number(in), number(in), number(in),
                text(in), text(in));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountInputSerializer s && s.other.equals(other);
    }

    @Override
    public int hashCode() {
        return other.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<AccountInput> snapshotConfiguration() {
        return new Snapshot(this);
    }

    /** The snapshot: the record serializer it falls back on. */
    public static final class Snapshot
            extends CompositeTypeSerializerSnapshot<AccountInput, AccountInputSerializer> {
        public Snapshot() {}

        Snapshot(AccountInputSerializer s) {
            super(s);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return 1;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(AccountInputSerializer s) {
            return new TypeSerializer<?>[] {s.other};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected AccountInputSerializer createOuterSerializerWithNestedSerializers(
                TypeSerializer<?>[] nested) {
            return new AccountInputSerializer((TypeSerializer<AccountInput>) nested[0]);
        }
    }
}
