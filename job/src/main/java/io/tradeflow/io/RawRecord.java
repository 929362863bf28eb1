package io.tradeflow.io;

/**
 * Carries one raw input record before parsing, with where it came from.
 *
 * @param source the Kafka topic or the file path
 * @param position {@code partition/offset} for Kafka, the 1-based line number for files
 * @param refTs the Kafka record timestamp in epoch milliseconds, or {@link #UNKNOWN_TS} (files)
 * @param payload the record's text
 */
public record RawRecord(String source, String position, long refTs, String payload) {

    /** The {@code refTs} of a record whose source gives no timestamp (files). */
    public static final long UNKNOWN_TS = Long.MIN_VALUE;

    /** Returns a record read from line {@code line} (1-based) of a file. */
    public static RawRecord ofLine(String path, long line, String payload) {
        return new RawRecord(path, Long.toString(line), UNKNOWN_TS, payload);
    }

    /** Returns a record read from Kafka. */
    public static RawRecord ofKafka(
            String topic, int partition, long offset, long timestamp, String payload) {
        return new RawRecord(topic, partition + "/" + offset, timestamp, payload);
    }

    /** Returns whether the source gave a reference timestamp (Kafka). */
    public boolean hasRefTs() {
        return refTs != UNKNOWN_TS;
    }
}
