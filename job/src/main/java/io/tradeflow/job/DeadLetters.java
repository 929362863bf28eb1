package io.tradeflow.job;

import io.tradeflow.event.DeadLetter;
import io.tradeflow.rules.orders.OrderIds;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Builds dead letters for records rejected after parsing (late, duplicate, unroutable): the
 * payload is the record's JSON, the position names the record by id or key and event time.
 */
final class DeadLetters {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetters() {}

    static DeadLetter of(String source, String position, String reason, String detail,
            Object record) {
        String payload;
        try {
            payload = JSON.writeValueAsString(record);
        } catch (Exception e) {
            payload = String.valueOf(record);
        }
        return new DeadLetter(OrderIds.hash(source, position, payload), source, position, reason,
                detail, payload);
    }
}
