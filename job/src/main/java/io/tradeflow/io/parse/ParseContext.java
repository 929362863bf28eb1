package io.tradeflow.io.parse;

import io.tradeflow.io.Keyring;
import io.tradeflow.io.TrustDomain;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Holds what the parsers check records against, built once from configuration: the known
 * accounts and tickers, the HMAC keys of each trust domain (R-SIG-6) and the allowed future skew.
 *
 * <p>A {@code null} account or ticker set accepts any value. Recommendations and control
 * commands of a domain without keys are all rejected; broker messages are verified only when
 * broker keys are configured. Secrets never appear in {@link #toString()}.
 */
public final class ParseContext implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final long DEFAULT_MAX_FUTURE_SKEW_MS = Duration.ofDays(7).toMillis();

    private final Set<String> accounts;
    private final Set<String> tickers;
    private final EnumMap<TrustDomain, Keyring> keys;
    private final long maxFutureSkewMs;

    /**
     * Returns a context with the keys of each domain.
     *
     * @param keys a domain left out has no keys
     */
    public ParseContext(Set<String> accounts, Set<String> tickers,
            Map<TrustDomain, Keyring> keys, long maxFutureSkewMs) {
        if (maxFutureSkewMs < 0) {
            throw new IllegalArgumentException("maxFutureSkewMs must be >= 0");
        }
        this.accounts = lookup(accounts);
        this.tickers = lookup(tickers);
        this.keys = new EnumMap<>(TrustDomain.class);
        for (TrustDomain d : TrustDomain.values()) {
            Keyring k = keys.get(d);
            this.keys.put(d, k == null ? Keyring.empty() : k);
        }
        this.maxFutureSkewMs = maxFutureSkewMs;
    }

    /**
     * Returns a context in which one secret, with id {@link Keyring#DEFAULT_ID}, is the key of
     * recommendations and control commands, and broker messages are not verified (tests, tools
     * that verify one kind of record).
     */
    public ParseContext(Set<String> accounts, Set<String> tickers, byte[] secret,
            long maxFutureSkewMs) {
        this(accounts, tickers, Map.of(TrustDomain.RECOMMENDATIONS, Keyring.single(secret),
                TrustDomain.CONTROL, Keyring.single(secret)), maxFutureSkewMs);
    }

    public ParseContext(Set<String> accounts, Set<String> tickers, byte[] secret) {
        this(accounts, tickers, secret, DEFAULT_MAX_FUTURE_SKEW_MS);
    }

    /** Returns the known accounts, or {@code null} when any account is accepted. */
    public Set<String> accounts() {
        return accounts;
    }

    /** Returns the known tickers, or {@code null} when any ticker is accepted. */
    public Set<String> tickers() {
        return tickers;
    }

    /** Returns the keys of the domain (empty when none is configured). */
    public Keyring keys(TrustDomain domain) {
        return keys.get(domain);
    }

    /** Returns a copy of the recommendations' signing secret, or {@code null} when none. */
    public byte[] secret() {
        Keyring k = keys.get(TrustDomain.RECOMMENDATIONS);
        return k.isEmpty() ? null : k.secret(k.signingId());
    }

    /** Returns whether recommendations have a key. */
    public boolean hasSecret() {
        return !keys.get(TrustDomain.RECOMMENDATIONS).isEmpty();
    }

    public long maxFutureSkewMs() {
        return maxFutureSkewMs;
    }

    boolean knowsAccount(String account) {
        return accounts == null || accounts.contains(account);
    }

    /**
     * Copies names asked for at every record into a hash set: its lookups compare hashes before
     * contents, where {@code Set.copyOf}'s linear probing compares the contents of every name on
     * its way, and names that differ in their last characters (S000 … S499) hash next to each
     * other into long runs.
     */
    private static Set<String> lookup(Set<String> names) {
        return names == null ? null : Collections.unmodifiableSet(new HashSet<>(names));
    }

    boolean knowsTicker(String ticker) {
        return tickers == null || tickers.contains(ticker);
    }

    @Override
    public String toString() {
        return "ParseContext{accounts=" + (accounts == null ? "any" : accounts.size())
                + ", tickers=" + (tickers == null ? "any" : tickers.size())
                + ", keys=" + keys
                + ", maxFutureSkewMs=" + maxFutureSkewMs + '}';
    }
}
