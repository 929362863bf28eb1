package io.tradeflow.io.parse;

import io.tradeflow.io.Secrets;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * Holds what the parsers check records against, built once from configuration: the known
 * accounts and tickers, the HMAC secret of signed kinds (R-SIG-6) and the allowed future skew.
 *
 * <p>A {@code null} account or ticker set accepts any value. A {@code null} or empty secret
 * rejects every signed record. The secret never appears in {@link #toString()}.
 */
public final class ParseContext implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final long DEFAULT_MAX_FUTURE_SKEW_MS = Duration.ofDays(7).toMillis();

    private final Set<String> accounts;
    private final Set<String> tickers;
    private final byte[] secret;
    private final long maxFutureSkewMs;

    public ParseContext(Set<String> accounts, Set<String> tickers, byte[] secret,
            long maxFutureSkewMs) {
        if (maxFutureSkewMs < 0) {
            throw new IllegalArgumentException("maxFutureSkewMs must be >= 0");
        }
        this.accounts = accounts == null ? null : Set.copyOf(accounts);
        this.tickers = tickers == null ? null : Set.copyOf(tickers);
        this.secret = secret == null || secret.length == 0 ? null : secret.clone();
        this.maxFutureSkewMs = maxFutureSkewMs;
    }

    public ParseContext(Set<String> accounts, Set<String> tickers, byte[] secret) {
        this(accounts, tickers, secret, DEFAULT_MAX_FUTURE_SKEW_MS);
    }

    /** Returns a context whose secret is read from {@code TRADEFLOW_WEBHOOK_SECRET}. */
    public static ParseContext fromEnv(Set<String> accounts, Set<String> tickers) {
        String secret = Secrets.read(Secrets.WEBHOOK_SECRET);
        return new ParseContext(accounts, tickers,
                secret == null ? null : secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the known accounts, or {@code null} when any account is accepted. */
    public Set<String> accounts() {
        return accounts;
    }

    /** Returns the known tickers, or {@code null} when any ticker is accepted. */
    public Set<String> tickers() {
        return tickers;
    }

    /** Returns a copy of the secret, or {@code null} when none is configured. */
    public byte[] secret() {
        return secret == null ? null : secret.clone();
    }

    public boolean hasSecret() {
        return secret != null;
    }

    public long maxFutureSkewMs() {
        return maxFutureSkewMs;
    }

    boolean knowsAccount(String account) {
        return accounts == null || accounts.contains(account);
    }

    boolean knowsTicker(String ticker) {
        return tickers == null || tickers.contains(ticker);
    }

    byte[] secretBytes() {
        return secret;
    }

    @Override
    public String toString() {
        return "ParseContext{accounts=" + (accounts == null ? "any" : accounts.size())
                + ", tickers=" + (tickers == null ? "any" : tickers.size())
                + ", secret=" + (secret == null ? "absent" : "set")
                + ", maxFutureSkewMs=" + maxFutureSkewMs + '}';
    }
}
