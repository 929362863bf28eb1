package io.tradeflow.cli;

import io.tradeflow.rules.options.BlackScholes;
import io.tradeflow.rules.options.OptionRight;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * Prints the Black-Scholes-Merton price and delta of a European option (R-OPT-4), the model a
 * backtest without option quotes prices contracts with, as one JSON object.
 */
@Command(name = "option-price", mixinStandardHelpOptions = true,
        description = "Price a European call or put with Black-Scholes-Merton and print "
                + "{\"price\":…,\"delta\":…}.")
final class OptionPriceCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--spot", required = true, paramLabel = "S",
            description = "Price of the underlying (at least 0).")
    double spot;

    @Option(names = "--strike", required = true, paramLabel = "K", description = "Strike (> 0).")
    double strike;

    @Option(names = "--years", required = true, paramLabel = "T",
            description = "Time to expiry in years (<= 0: at expiry, intrinsic value).")
    double years;

    @Option(names = "--rate", required = true, paramLabel = "R",
            description = "Continuously compounded risk-free rate, e.g. 0.05.")
    double rate;

    @Option(names = "--vol", required = true, paramLabel = "V",
            description = "Annual volatility, e.g. 0.2.")
    double vol;

    @Option(names = "--right", required = true, paramLabel = "call|put") String right;

    @Option(names = "--dividend", defaultValue = "0", paramLabel = "Q",
            description = "Continuous dividend yield (default: ${DEFAULT-VALUE}).")
    double dividend;

    @Override
    public Integer call() throws Exception {
        BlackScholes.Valuation v = BlackScholes.value(OptionRight.parse(right), spot, strike,
                years, rate, vol, dividend);
        System.out.println(JSON.writeValueAsString(v));
        return 0;
    }
}
