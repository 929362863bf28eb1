package io.tradeflow.rules;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Holds what the engine needs from the configuration: the accounts, the tier table and the
 * simulated broker's costs. Validated before it is built.
 */
public record EngineSettings(
        List<AccountConfig> accounts, Map<String, TierParams> tiers, BrokerParams broker)
        implements Serializable {

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
