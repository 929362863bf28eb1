package io.tradeflow.rules;

import io.tradeflow.rules.indicators.IndicatorParams;
import io.tradeflow.rules.signals.SignalParams;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Holds what the job's operators need from the configuration: the accounts, the tier table, the
 * simulated broker's costs, the ticker stage's indicator periods and signal settings, and the
 * sector of each ticker (R-SIZE-4, R-SIZE-5). Validated before it is built.
 *
 * @param sectors sector by ticker, loaded at start (a recommendation's own {@code sector} wins);
 *     empty when none is configured, never {@code null}
 * @param settable the rule keys a {@code set} control command may change live (R-CB-5,
 *     {@code control.settable}); every rule key when none is configured, never {@code null}
 */
public record EngineSettings(
        List<AccountConfig> accounts,
        Map<String, TierParams> tiers,
        BrokerParams broker,
        IndicatorParams indicators,
        SignalParams signals,
        Map<String, String> sectors,
        List<String> settable) implements Serializable {

    /** The signal types the ticker stage generates unless configured: the live-eligible ones. */
    public static final SignalParams DEFAULT_SIGNALS = SignalParams.DEFAULTS
            .withEnabledTypes(List.of("orb", "orb_direction", "confluence"));

    public EngineSettings {
        sectors = sectors == null ? Map.of() : Map.copyOf(sectors);
        settable = settable == null ? RuleKeys.KEYS : List.copyOf(settable);
    }

    public EngineSettings(List<AccountConfig> accounts, Map<String, TierParams> tiers,
            BrokerParams broker, IndicatorParams indicators, SignalParams signals,
            Map<String, String> sectors) {
        this(accounts, tiers, broker, indicators, signals, sectors, null);
    }

    public EngineSettings(List<AccountConfig> accounts, Map<String, TierParams> tiers,
            BrokerParams broker, IndicatorParams indicators, SignalParams signals) {
        this(accounts, tiers, broker, indicators, signals, Map.of());
    }

    public EngineSettings(List<AccountConfig> accounts, Map<String, TierParams> tiers,
            BrokerParams broker) {
        this(accounts, tiers, broker, IndicatorParams.DEFAULTS, DEFAULT_SIGNALS);
    }

    /** Returns a copy with this sector map. */
    public EngineSettings withSectors(Map<String, String> newSectors) {
        return new EngineSettings(accounts, tiers, broker, indicators, signals, newSectors,
                settable);
    }

    /** Returns whether a {@code set} control command may change this rule key live. */
    public boolean isSettable(String key) {
        return settable.contains(key);
    }

    /** Returns the configured sector of {@code ticker}, or {@code null} when unknown. */
    public String sector(String ticker) {
        return sectors.get(ticker);
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
