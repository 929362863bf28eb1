package io.tradeflow.io.parse;

/** Names the stable reason codes of dead letters; metrics and queries group by them. */
public final class Reasons {
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String MALFORMED_CSV = "malformed_csv";
    public static final String MISSING_FIELD = "missing_field";
    /** A wrong JSON type, a value out of range, bad timestamp text, an unknown required enum. */
    public static final String INVALID_VALUE = "invalid_value";
    public static final String NON_FINITE_PRICE = "non_finite_price";
    public static final String NON_POSITIVE_PRICE = "non_positive_price";
    /** High below low, or open or close outside [low, high]. */
    public static final String HIGH_BELOW_LOW = "high_below_low";
    public static final String NEGATIVE_VOLUME = "negative_volume";
    /** An option quote whose bid is above its ask. */
    public static final String CROSSED_QUOTE = "crossed_quote";
    /** An option quote with a bid, ask or last price below zero. */
    public static final String NEGATIVE_PRICE = "negative_price";
    /** An option quote timed after the 16:00 New York close of its expiry day. */
    public static final String EXPIRED_CONTRACT = "expired_contract";
    public static final String UNKNOWN_ACCOUNT = "unknown_account";
    public static final String UNKNOWN_TICKER = "unknown_ticker";
    public static final String TIMESTAMP_IN_FUTURE = "timestamp_in_future";
    /** Beyond the allowed lateness; used by operators, not by parsers. */
    public static final String LATE = "late";
    /** A missing or invalid HMAC signature, or no secret configured (rule R-SIG-6). */
    public static final String BAD_SIGNATURE = "R-SIG-6";
    /** A {@code key_id} no key of the record's trust domain has (rule R-SIG-6). */
    public static final String UNKNOWN_KEY = "unknown_key";
    /** A record signed with a key after the key's valid-until date (rule R-SIG-6). */
    public static final String KEY_EXPIRED = "key_expired";
    /** A repeated id; used by operators, not by parsers. */
    public static final String DUPLICATE = "duplicate";

    private Reasons() {}
}
