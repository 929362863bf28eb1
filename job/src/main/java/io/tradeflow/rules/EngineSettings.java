package io.tradeflow.rules;

import io.tradeflow.rules.indicators.IndicatorParams;
import io.tradeflow.rules.signals.SignalParams;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Holds what the job's operators need from the configuration: the accounts, the tier table, the
 * simulated broker's costs, and the ticker stage's indicator periods and signal settings.
 * Validated before it is built.
 */
public record EngineSettings(
        List<AccountConfig> accounts,
        Map<String, TierParams> tiers,
        BrokerParams broker,
        IndicatorParams indicators,
        SignalParams signals) implements Serializable {

    /** The signal types the ticker stage generates unless configured: the live-eligible ones. */
    public static final SignalParams DEFAULT_SIGNALS = SignalParams.DEFAULTS
            .withEnabledTypes(List.of("orb", "orb_direction", "confluence"));

    public EngineSettings(List<AccountConfig> accounts, Map<String, TierParams> tiers,
            BrokerParams broker) {
        this(accounts, tiers, broker, IndicatorParams.DEFAULTS, DEFAULT_SIGNALS);
    }

    public AccountConfig account(String id) {
        for (AccountConfig a : accounts) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        return null;
    }

    public TierParams tier(String name) {
        return tiers.get(name);
    }
}
