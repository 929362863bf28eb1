package io.tradeflow.io;

/**
 * Names the trust domains whose messages are signed with keys of their own (R-SIG-6): a key that
 * signs recommendations cannot sign control commands or broker messages.
 */
public enum TrustDomain {
    RECOMMENDATIONS(Secrets.WEBHOOK_SECRET, "TRADEFLOW_RECOMMENDATION_KEYS"),
    CONTROL("TRADEFLOW_CONTROL_SECRET", "TRADEFLOW_CONTROL_KEYS"),
    BROKER("TRADEFLOW_BROKER_SECRET", "TRADEFLOW_BROKER_KEYS");

    private final String secretVariable;
    private final String keysVariable;

    TrustDomain(String secretVariable, String keysVariable) {
        this.secretVariable = secretVariable;
        this.keysVariable = keysVariable;
    }

    /** Returns the variable of the domain's single key, whose id is {@link Keyring#DEFAULT_ID}. */
    public String secretVariable() {
        return secretVariable;
    }

    /** Returns the variable of the domain's keys with ids ({@link Keyring#parse}). */
    public String keysVariable() {
        return keysVariable;
    }
}
