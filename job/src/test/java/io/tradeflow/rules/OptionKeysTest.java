package io.tradeflow.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The keys of the option rules: R-OPT-1 series, R-OPT-3 limit, R-OPT-4 model. */
@DisplayName("R-OPT-1, R-OPT-3, R-OPT-4 option keys")
class OptionKeysTest {

    @Test
    void defaultsToSameDayAtTheMoneyAtTheAskWithVixAsTheIv() {
        assertThat(RuleParams.INTRADAY.options()).isEqualTo(OptionParams.DEFAULTS);
        assertThat(RuleParams.SWING.options()).isEqualTo(OptionParams.DEFAULTS);
        assertThat(RuleKeys.OPTION_KEYS).containsExactly("option-expiry", "option-otm-strikes",
                "option-limit", "option-iv", "option-rate");
        assertThat(RuleKeys.get(RuleParams.INTRADAY, "option-expiry")).isEqualTo("0dte");
        assertThat(RuleKeys.get(RuleParams.INTRADAY, "option-limit")).isEqualTo("ask");
        assertThat(RuleKeys.get(RuleParams.INTRADAY, "option-iv")).isEqualTo("0");
    }

    @Test
    void setsEachKey() {
        RuleParams p = RuleParams.INTRADAY;
        p = RuleKeys.set(p, "option-expiry", "Weekly");
        p = RuleKeys.set(p, "option-otm-strikes", "2");
        p = RuleKeys.set(p, "option-limit", "mid");
        p = RuleKeys.set(p, "option-iv", "0.22");
        p = RuleKeys.set(p, "option-rate", "0.05");
        assertThat(p.options()).isEqualTo(new OptionParams("weekly", 2, "mid", 0.22, 0.05));
        assertThat(p.withOptions(null).options()).isEqualTo(OptionParams.DEFAULTS);
    }

    @Test
    void rejectsChoicesTheRuleDoesNotList() {
        assertThatThrownBy(() -> RuleKeys.set(RuleParams.INTRADAY, "option-expiry", "monthly"))
                .isInstanceOf(RuleKeys.InvalidValue.class)
                .hasMessage("option-expiry: option expiry must be 0dte, 1dte or weekly, not"
                        + " 'monthly'");
        assertThatThrownBy(() -> RuleKeys.set(RuleParams.INTRADAY, "option-limit", "bid"))
                .isInstanceOf(RuleKeys.InvalidValue.class)
                .hasMessage("option-limit: option limit must be ask or mid, not 'bid'");
        assertThatThrownBy(() -> RuleKeys.set(RuleParams.INTRADAY, "option-iv", "-0.1"))
                .isInstanceOf(RuleKeys.InvalidValue.class);
    }
}
