package io.tradeflow.engine;

import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.ConfigAudit;
import io.tradeflow.event.ControlCommand;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.RuleKeys;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

/**
 * Carries out an account's control commands (R-CB-5): {@code pause}, {@code resume}, {@code
 * set-tier}, {@code set} of a rule key (only those of {@code control.settable}) and {@code
 * reconcile} with {@code accept} (R-REC-2, adopt the broker's latest snapshot), each recorded in
 * the config audit, accepted or rejected with its reason.
 */
final class ControlCommands {
    private final EngineContext ctx;
    private final EngineSettings settings;
    private final AccountRisk risk;
    private final Reconciler reconciler;

    ControlCommands(EngineContext ctx, EngineSettings settings, AccountRisk risk,
            Reconciler reconciler) {
        this.ctx = ctx;
        this.settings = settings;
        this.risk = risk;
        this.reconciler = reconciler;
    }

    void onControl(ControlCommand c, DoubleSupplier value) throws Exception {
        Map<String, String> args = c.args() == null ? Map.of() : c.args();
        switch (c.command()) {
            case "pause" -> {
                if (risk.pause("R-CB-5")) {
                    audit(c, "pause", "running", "paused", true, "R-CB-5");
                } else {
                    audit(c, "pause", "paused", "paused", false, "already paused");
                }
            }
            case "resume" -> {
                if (risk.resume(c.issuedBy())) {
                    audit(c, "resume", "paused", "running", true, "R-CB-5");
                } else {
                    audit(c, "resume", "running", "running", false, "not paused");
                }
            }
            case "set-tier" -> {
                String tier = arg(args, "tier");
                String before = risk.state().tier();
                if (risk.setTier(tier, value.getAsDouble())) {
                    audit(c, "tier", before, tier, true, tier.equals(before) ? "unchanged" : null);
                } else {
                    audit(c, "tier", before, tier, false, "unknown tier '" + tier + "'; known: "
                            + new TreeMap<>(settings.tiers()).keySet());
                }
            }
            case "set" -> set(c, args);
            case Reconciler.ACCEPT -> {
                if ("true".equals(args.get("accept"))) {
                    reconciler.accept(c);
                } else {
                    audit(c, "book", null, null, false, "reconcile needs args {accept: true}");
                }
            }
            default -> audit(c, c.command(), null, null, false, "unknown command");
        }
    }

    private void set(ControlCommand c, Map<String, String> args) {
        String key = args.containsKey("key") ? args.get("key")
                : args.size() == 1 ? args.keySet().iterator().next() : null;
        String val = args.containsKey("key") ? args.get("value")
                : key == null ? null : args.get(key);
        if (key == null || val == null) {
            audit(c, String.valueOf(key), null, val, false,
                    "set needs args {key, value}, got " + new TreeMap<>(args));
            return;
        }
        if (RuleKeys.isKey(key) && !settings.isSettable(key)) {
            audit(c, key, null, val, false, "'" + key + "' is not settable live "
                    + "(control.settable)");
            return;
        }
        String before;
        try {
            before = RuleKeys.get(risk.rules(), key);
            RuleKeys.set(risk.rules(), key, val);
        } catch (IllegalArgumentException e) {
            audit(c, key, null, val, false, e.getMessage());
            return;
        }
        risk.override(key, val);
        audit(c, key, before, val, true, null);
    }

    private static String arg(Map<String, String> args, String name) {
        if (args.containsKey(name)) {
            return args.get(name);
        }
        return args.size() == 1 ? args.values().iterator().next() : null;
    }

    private void audit(ControlCommand c, String key, String before, String after, boolean ok,
            String reason) {
        ctx.emit(AccountOutput.of(new ConfigAudit(c.id() + ":" + ctx.account(), c.id(),
                ctx.account(), c.command(), key, before, after, c.issuedBy(),
                ok ? ConfigAudit.ACCEPTED : ConfigAudit.REJECTED, reason, ctx.now())));
    }
}
