package io.tradeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.cli.CliTest.Result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** The {@code option-price} command: JSON price and delta, and clear usage errors (exit 2). */
class OptionPriceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Hull's example, S=42, K=40, T=0.5, r=10 %, σ=20 %, with the given changes. */
    private static Result price(String... changes) {
        List<String> args = new ArrayList<>(List.of("option-price", "--spot", "42", "--strike",
                "40", "--years", "0.5", "--rate", "0.1", "--vol", "0.2"));
        args.addAll(List.of(changes));
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void printsThePriceAndDeltaOfACallAsOneJsonObject() throws Exception {
        Result r = price("--right", "call");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.fieldNames()).toIterable().containsExactly("price", "delta");
        assertThat(json.get("price").asDouble()).isCloseTo(4.76, within(0.005));
        assertThat(json.get("delta").asDouble()).isCloseTo(0.7791, within(0.00005));
        assertThat(r.out().strip()).startsWith("{\"price\":4.759").contains(",\"delta\":0.779");
    }

    @Test
    void pricesAPutWithADividendYieldInAnyCase() throws Exception {
        Result r = CliTest.run("option-price", "--spot", "100", "--strike", "95", "--years",
                "0.5", "--rate", "0.1", "--vol", "0.2", "--dividend", "0.05", "--right", "PUT");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("price").asDouble())
                .isCloseTo(2.4648, within(0.00005));
    }

    @Test
    void isListedInTheHelp() {
        assertThat(CliTest.run("--help").out()).contains("option-price");
    }

    @Test
    void aMissingOptionIsAUsageError() {
        Result r = CliTest.run("option-price", "--spot", "42", "--strike", "40", "--years", "0.5",
                "--rate", "0.1", "--right", "call");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--vol=V'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnknownRightIsAUsageError() {
        Result r = price("--right", "straddle");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("option right must be call or put, not 'straddle'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aNegativeSpotIsAUsageError() {
        Result r = CliTest.run("option-price", "--spot=-1", "--strike", "40", "--years", "0.5",
                "--rate", "0.1", "--vol", "0.2", "--right", "call");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("spot must not be negative");
    }

    @Test
    void aRateThatIsNoNumberIsAUsageError() {
        Result r = CliTest.run("option-price", "--spot", "42", "--strike", "40", "--years", "0.5",
                "--rate", "five", "--vol", "0.2", "--right", "call");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid value for option '--rate'", "five");
    }
}
