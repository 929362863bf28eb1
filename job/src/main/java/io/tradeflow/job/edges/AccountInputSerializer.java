package io.tradeflow.job.edges;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.event.MarketTick;

import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Writes the account engine's inputs. A tick as the router sends it (a bar and its ATR, nothing
 * else: nearly every record) is written field by field; every other input, rare by comparison,
 * goes through Flink's record serializer after a tag byte.
 */
public final class AccountInputSerializer extends ImmutableSerializer<AccountInput> {
    private static final long serialVersionUID = 1L;
    private static final byte OTHER = 0;
    private static final byte TICK = 1;
    private static final byte TICK_NO_ATR = 2;

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
        if (!isSlimTick(in)) {
            out.writeByte(OTHER);
            other.serialize(in, out);
            return;
        }
        Double atr = in.tick().atr();
        out.writeByte(atr == null ? TICK_NO_ATR : TICK);
        out.writeUTF(in.account());
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
        String account = in.readUTF();
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
                && t.bar() != null && in.ts() == t.ts()
                && in.calendar() == null && in.control() == null && in.vix() == null
                && in.fill() == null && in.recommendation() == null && in.market() == null
                && in.rapidMove() == null
                && Indicators.atrOnly(t.atr()).equals(t.indicators());
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
