package io.tradeflow.engine;

import io.tradeflow.event.Fill;

/**
 * Carries a broker fill the account did not apply (R-FILL-1), with why: the topology turns it into
 * a dead letter.
 *
 * @param reason {@code duplicate_fill}, {@code unknown_order}, {@code fill_mismatch} or
 *     {@code overfill}
 * @param detail what was found, starting with the rule id
 */
public record RejectedFill(Fill fill, String reason, String detail) {}
