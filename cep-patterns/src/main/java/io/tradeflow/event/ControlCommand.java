package io.tradeflow.event;

import java.util.Map;

/**
 * Carries an operator's command (pause, resume, set-tier, set) for one account or {@code *},
 * applied in event-time order like any other input and HMAC-signed like recommendations.
 */
public record ControlCommand(
        String id,
        String account,
        String command,
        Map<String, String> args,
        String issuedBy,
        long ts,
        String signature) {}
