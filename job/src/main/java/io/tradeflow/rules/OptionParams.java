package io.tradeflow.rules;

import io.soabase.recordbuilder.core.RecordBuilder;

import java.io.Serializable;

/**
 * Holds the numbers of the option rules (R-OPT-1..4) for an account that trades options; an
 * account trading shares carries the defaults and never reads them.
 *
 * @param expiry which expiry a direction buys: {@code 0dte}, {@code 1dte} or {@code weekly}
 *     (R-OPT-1)
 * @param otmStrikes strikes out of the money from the one nearest the underlying (R-OPT-1)
 * @param limit the entry limit: {@code ask} or {@code mid} (R-OPT-3)
 * @param iv the model's implied volatility; 0 takes the latest VIX / 100 (R-OPT-4)
 * @param rate the model's risk-free rate, a fraction a year (R-OPT-4)
 */
@RecordBuilder
public record OptionParams(
        String expiry,
        int otmStrikes,
        String limit,
        double iv,
        double rate) implements Serializable, OptionParamsBuilder.With {

    /** The seed's choices: same-day expiry at the money, limit at the ask, VIX as the IV. */
    public static final OptionParams DEFAULTS = new OptionParams("0dte", 0, "ask", 0, 0);
}
