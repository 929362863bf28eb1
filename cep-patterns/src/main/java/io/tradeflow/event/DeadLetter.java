package io.tradeflow.event;

/**
 * Records one rejected input record with everything needed to find and replay it.
 *
 * @param id deterministic: a hash of source, position and payload
 * @param source the topic or file it came from
 * @param position {@code partition/offset} for Kafka, the line number for files
 * @param reason a stable code such as {@code malformed_json} or {@code R-SIG-6}
 * @param detail a human-readable explanation
 */
public record DeadLetter(
        String id, String source, String position, String reason, String detail, String payload) {}
