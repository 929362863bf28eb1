package io.tradeflow.event;

/**
 * Records one control command as the account applied or refused it (R-CB-5): who issued it, what
 * it changed from and to, and why it was rejected.
 *
 * @param id the command id and the account it applied to
 * @param key the configuration key for {@code set}, the command name otherwise
 * @param status {@code accepted} or {@code rejected}
 */
public record ConfigAudit(
        String id,
        String commandId,
        String account,
        String command,
        String key,
        String previousValue,
        String newValue,
        String issuedBy,
        String status,
        String reason,
        long ts) {

    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
}
