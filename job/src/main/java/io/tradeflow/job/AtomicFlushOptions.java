package io.tradeflow.job;

import org.apache.flink.state.rocksdb.RocksDBOptionsFactory;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

import java.util.Collection;

/**
 * RocksDB options of the live job: every column family a checkpoint flushes is flushed in one
 * atomic flush. A checkpoint's synchronous part waits for RocksDB to flush each state (column
 * family) written since the last one; without atomic flush RocksDB flushes them one after the
 * other, each a job of its own with its own manifest write and fsyncs (an account engine writes
 * about ten states between two checkpoints). RocksDB recommends atomic flush when the write-ahead
 * log is off, as Flink has it. Other settings stay Flink's (its configured options are applied
 * before these).
 */
public final class AtomicFlushOptions implements RocksDBOptionsFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public DBOptions createDBOptions(DBOptions current, Collection<AutoCloseable> handles) {
        return current.setAtomicFlush(true);
    }

    @Override
    public ColumnFamilyOptions createColumnOptions(ColumnFamilyOptions current,
            Collection<AutoCloseable> handles) {
        return current;
    }
}
