package io.tradeflow.job;

import io.tradeflow.event.AccountOutput;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Carries the job's outputs to the client as bytes, serialized where they are made.
 *
 * <p>Why: the collect sink writes each record through a stream wrapper byte by byte, and the
 * client reads it back the same way; a decision's trace is kilobytes of JSON, so a backtest spent
 * a third of its time there. Packed next to the engine (chained to it) into a byte array, a record
 * is one array copy for the sink and the client unpacks it from memory.
 */
final class PackedOutputs {
    private PackedOutputs() {}

    /** Returns every output of {@code r} packed: the engine's and the dead letters. */
    static DataStream<byte[]> of(Topology.Results r, TypeSerializer<AccountOutput> serializer) {
        DataStream<byte[]> all = r.engine().map(new Pack(serializer))
                .returns(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .name("pack-outputs");
        for (DataStream<AccountOutput> part : r.nonEngineOutputs()) {
            SingleOutputStreamOperator<byte[]> packed = part.map(new Pack(serializer))
                    .returns(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                    .name("pack-dead-letters");
            StreamParts.followParallelism(part, packed.getTransformation());
            all = all.union(packed);
        }
        return all;
    }

    /** Reads back one packed output. */
    static AccountOutput unpack(byte[] bytes, TypeSerializer<AccountOutput> serializer) {
        try {
            return serializer.deserialize(new DataInputDeserializer(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a collected output", e);
        }
    }

    /** Serializes each output into a byte array. */
    private static final class Pack extends RichMapFunction<AccountOutput, byte[]> {
        private static final long serialVersionUID = 1L;
        private final TypeSerializer<AccountOutput> serializer;
        private transient TypeSerializer<AccountOutput> own;
        private transient DataOutputSerializer buffer;

        Pack(TypeSerializer<AccountOutput> serializer) {
            this.serializer = serializer;
        }

        @Override
        public void open(OpenContext context) {
            own = serializer.duplicate();
            buffer = new DataOutputSerializer(4096);
        }

        @Override
        public byte[] map(AccountOutput o) throws IOException {
            buffer.clear();
            own.serialize(o, buffer);
            return buffer.getCopyOfBuffer();
        }
    }
}
