package io.tradeflow.rules;

import io.tradeflow.rules.options.ExpiryMode;
import io.tradeflow.rules.options.OptionOrders;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the kebab-case rule keys of the configuration's {@code rules:} sections and of the {@code
 * set} control command onto the fields of {@link RuleParams}, its {@link RiskParams} and its {@link
 * ExitParams}: reads a value as text, and returns a copy with one value replaced after checking it.
 *
 * <p>Values are text: numbers ({@code 0.03}), whole numbers, durations (ISO-8601 {@code PT30M} or
 * {@code 500ms}, {@code 60s}, {@code 5m}, {@code 24h}, {@code 4d}), times {@code HH:mm}
 * (America/New_York) or {@code none} where a rule can be off, {@code true}/{@code false}, and
 * comma-separated lists. Percentages are fractions (0.03 = 3 %).
 */
public final class RuleKeys {

    /** What a key holds, which decides how its value is read, checked and written. */
    public enum Kind {
        /** A fraction in (0, 1]. */
        FRACTION_ABOVE_ZERO,
        /** A fraction in [0, 1]. */
        FRACTION,
        /** A number greater than 0. */
        POSITIVE,
        /** A number at least 0. */
        NON_NEGATIVE,
        /** A whole number at least 0 (0 turns the rule off). */
        COUNT,
        /** A whole number at least 1. */
        PERIOD,
        /** A duration greater than 0. */
        DURATION,
        /** A time HH:mm. */
        TIME,
        /** A time HH:mm, or {@code none} to turn the rule off. */
        TIME_OR_NONE,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** A comma-separated set of names. */
        NAMES,
        /** One of the names the key's rule lists. */
        CHOICE
    }

    /** A rule key whose value is wrong: {@link #problem()} says why, without the key. */
    public static final class InvalidValue extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final String problem;

        InvalidValue(String key, String problem) {
            super(key + ": " + problem);
            this.key = key;
            this.problem = problem;
        }

        public String key() {
            return key;
        }

        public String problem() {
            return problem;
        }
    }

    /** The record a key's field lives in. */
    private enum Group {
        RULE,
        RISK,
        EXIT,
        OPTION
    }

    /**
     * One key: what it holds, its rule, a one-line description, and how to read and replace its
     * value in a {@link RuleParams} (through the records' generated {@code with} methods).
     */
    private record Spec(String key, Kind kind, Group group, String ruleId, String doc,
            Function<RuleParams, Object> get, BiFunction<RuleParams, Object, RuleParams> set) {}

    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    /** The keys of {@link RuleParams}' own numbers, in declaration order. */
    public static final List<String> RULE_KEYS;

    /** The keys of the risk rulebook ({@link RiskParams}), in declaration order. */
    public static final List<String> RISK_KEYS;

    /** The keys of the exit and order rules ({@link ExitParams}), in declaration order. */
    public static final List<String> EXIT_KEYS;

    /** The keys of the option rules ({@link OptionParams}), in declaration order. */
    public static final List<String> OPTION_KEYS;

    /** Every key: rule keys, then risk keys, then exit keys, then option keys. */
    public static final List<String> KEYS;

    static {
        rule("entry-start", Kind.TIME, "R-WIN-1", "first entry time, inclusive",
                RuleParams::entryStart, (p, v) -> p.withEntryStart((LocalTime) v));
        rule("entry-end", Kind.TIME, "R-WIN-1", "last entry time, inclusive",
                RuleParams::entryEnd, (p, v) -> p.withEntryEnd((LocalTime) v));
        rule("force-exit", Kind.TIME_OR_NONE, "R-WIN-2",
                "every position closes at this time; none holds overnight",
                RuleParams::forceExit, (p, v) -> p.withForceExit((LocalTime) v));
        rule("base-pct", Kind.FRACTION_ABOVE_ZERO, "R-SIZE-2",
                "base position size as a share of the active pool",
                RuleParams::basePct, (p, v) -> p.withBasePct((double) v));
        rule("absolute-position-cap", Kind.POSITIVE, "R-SIZE-8",
                "largest position value, in account currency",
                RuleParams::absolutePositionCap, (p, v) -> p.withAbsolutePositionCap((double) v));
        rule("stop-loss-percent", Kind.FRACTION_ABOVE_ZERO, "R-STOP-2",
                "stop distance when ATR is unknown",
                RuleParams::stopLossPercent, (p, v) -> p.withStopLossPercent((double) v));
        rule("entry-timeout", Kind.DURATION, "R-ORD-1",
                "an entry not filled within it is cancelled",
                RuleParams::entryTimeout, (p, v) -> p.withEntryTimeout((Duration) v));
        rule("dedupe-window", Kind.DURATION, "R-SIG-5",
                "a recommendation id is evaluated once within it",
                RuleParams::dedupeWindow, (p, v) -> p.withDedupeWindow((Duration) v));
        rule("allowed-live-signal-types", Kind.NAMES, "R-SIG-1",
                "signal types that may open intraday positions in live and paper",
                RuleParams::allowedLiveSignalTypes,
                (p, v) -> p.withAllowedLiveSignalTypes(names(v)));
        rule("backtest-allows-all-signals", Kind.BOOLEAN, "R-SIG-1",
                "a backtest account may open positions on any signal type",
                RuleParams::backtestAllowsAllSignals,
                (p, v) -> p.withBacktestAllowsAllSignals((boolean) v));
        rule("vix-halt-level", Kind.POSITIVE, "R-VIX-1",
                "no entries while the latest VIX is at or above it",
                RuleParams::vixHaltLevel, (p, v) -> p.withVixHaltLevel((double) v));
        rule("vix-stale-after", Kind.DURATION, "R-VIX-1",
                "a VIX quote older than this does not halt",
                RuleParams::vixStaleAfter, (p, v) -> p.withVixStaleAfter((Duration) v));

        risk("max-open-positions", Kind.COUNT, "R-POS-1", "open positions at most",
                RiskParams::maxOpenPositions, (p, v) -> p.withMaxOpenPositions((int) v));
        risk("max-trades-per-day", Kind.COUNT, "R-DAY-1", "entries a day; 0 = no cap",
                RiskParams::maxTradesPerDay, (p, v) -> p.withMaxTradesPerDay((int) v));
        risk("max-consecutive-losses", Kind.COUNT, "R-DAY-1",
                "losing trades in a row that stop the day; 0 = off",
                RiskParams::maxConsecutiveLosses, (p, v) -> p.withMaxConsecutiveLosses((int) v));
        risk("daily-loss-pct", Kind.FRACTION, "R-CB-1",
                "day loss that halts entries until the next trading day",
                RiskParams::dailyLossPct, (p, v) -> p.withDailyLossPct((double) v));
        risk("position-loss-pct", Kind.FRACTION, "R-CB-2", "loss that closes a position",
                RiskParams::positionLossPct, (p, v) -> p.withPositionLossPct((double) v));
        risk("position-cooldown", Kind.DURATION, "R-CB-2",
                "no re-entry in that ticker for this long",
                RiskParams::positionCooldown, (p, v) -> p.withPositionCooldown((Duration) v));
        risk("stop-out-count", Kind.COUNT, "R-CB-3",
                "stop-outs within the window that pause entries",
                RiskParams::stopOutCount, (p, v) -> p.withStopOutCount((int) v));
        risk("stop-out-window", Kind.DURATION, "R-CB-3", "the window the stop-outs are counted in",
                RiskParams::stopOutWindow, (p, v) -> p.withStopOutWindow((Duration) v));
        risk("stop-out-pause", Kind.DURATION, "R-CB-3", "how long entries pause",
                RiskParams::stopOutPause, (p, v) -> p.withStopOutPause((Duration) v));
        risk("declining-share", Kind.FRACTION, "R-HALT-1",
                "share of open positions in loss that halts entries",
                RiskParams::decliningShare, (p, v) -> p.withDecliningShare((double) v));
        risk("declining-loss-pct", Kind.FRACTION, "R-HALT-1",
                "unrealized loss that counts a position as declining",
                RiskParams::decliningLossPct, (p, v) -> p.withDecliningLossPct((double) v));
        risk("min-active-pool", Kind.NON_NEGATIVE, "R-POOL-3",
                "entries halt below this active pool",
                RiskParams::minActivePool, (p, v) -> p.withMinActivePool((double) v));
        risk("reserve-siphon-pct", Kind.FRACTION, "R-POOL-1",
                "share of a profitable close moved to the reserve",
                RiskParams::reserveSiphonPct, (p, v) -> p.withReserveSiphonPct((double) v));
        risk("emergency-drawdown-pct", Kind.FRACTION, "R-POOL-4",
                "drawdown from the high-water mark that releases the reserve",
                RiskParams::emergencyDrawdownPct, (p, v) -> p.withEmergencyDrawdownPct((double) v));
        risk("reserve-high-water-pct", Kind.FRACTION, "R-POOL-5",
                "reserve share of the portfolio that raises a notification",
                RiskParams::reserveHighWaterPct, (p, v) -> p.withReserveHighWaterPct((double) v));
        risk("max-risk-per-trade-pct", Kind.FRACTION, "R-SIZE-8",
                "quantity × stop distance over portfolio value, at most",
                RiskParams::maxRiskPerTradePct, (p, v) -> p.withMaxRiskPerTradePct((double) v));
        risk("correlation-reduce", Kind.FRACTION, "R-SIZE-3",
                "above this correlation the size shrinks",
                RiskParams::correlationReduce, (p, v) -> p.withCorrelationReduce((double) v));
        risk("correlation-reject", Kind.FRACTION, "R-SIZE-3",
                "above this correlation the entry is rejected",
                RiskParams::correlationReject, (p, v) -> p.withCorrelationReject((double) v));
        risk("correlation-days", Kind.PERIOD, "R-SIZE-3", "daily returns in the correlation window",
                RiskParams::correlationDays, (p, v) -> p.withCorrelationDays((int) v));
        risk("diversification-bonus", Kind.POSITIVE, "R-SIZE-5", "size factor for a new sector",
                RiskParams::diversificationBonus, (p, v) -> p.withDiversificationBonus((double) v));
        risk("diversification-max-sectors", Kind.COUNT, "R-SIZE-5",
                "the bonus applies below this many held sectors",
                RiskParams::diversificationMaxSectors,
                (p, v) -> p.withDiversificationMaxSectors((int) v));
        risk("earnings-reduce-days", Kind.COUNT, "R-CAL-2",
                "size shrinks within this many trading days of earnings",
                RiskParams::earningsReduceDays, (p, v) -> p.withEarningsReduceDays((int) v));
        risk("earnings-reject-days", Kind.COUNT, "R-CAL-2",
                "entries are rejected within this many trading days of earnings",
                RiskParams::earningsRejectDays, (p, v) -> p.withEarningsRejectDays((int) v));
        risk("earnings-size-factor", Kind.FRACTION, "R-CAL-2", "the size factor near earnings",
                RiskParams::earningsSizeFactor, (p, v) -> p.withEarningsSizeFactor((double) v));
        risk("event-day-cutoff", Kind.TIME_OR_NONE, "R-CAL-1",
                "no entries at or after it on an FOMC/CPI day; none = off",
                RiskParams::eventDayCutoff, (p, v) -> p.withEventDayCutoff((LocalTime) v));
        risk("confluence-sizing", Kind.BOOLEAN, "R-SIZE-7", "size by signal confluence",
                RiskParams::confluenceSizing, (p, v) -> p.withConfluenceSizing((boolean) v));
        risk("win-rate-window", Kind.DURATION, "R-RISK-1", "closed trades counted in the win rate",
                RiskParams::winRateWindow, (p, v) -> p.withWinRateWindow((Duration) v));
        risk("downgrade-win-rate", Kind.FRACTION, "R-RISK-1",
                "the tier steps down below this win rate",
                RiskParams::downgradeWinRate, (p, v) -> p.withDowngradeWinRate((double) v));
        risk("downgrade-drawdown", Kind.FRACTION, "R-RISK-1", "or above this drawdown",
                RiskParams::downgradeDrawdown, (p, v) -> p.withDowngradeDrawdown((double) v));
        risk("upgrade-win-rate", Kind.FRACTION, "R-RISK-1", "the tier steps up above this win rate",
                RiskParams::upgradeWinRate, (p, v) -> p.withUpgradeWinRate((double) v));
        risk("upgrade-reserve-pct", Kind.FRACTION, "R-RISK-1", "and above this reserve share",
                RiskParams::upgradeReservePct, (p, v) -> p.withUpgradeReservePct((double) v));
        risk("upgrade-drawdown", Kind.FRACTION, "R-RISK-1", "and below this drawdown",
                RiskParams::upgradeDrawdown, (p, v) -> p.withUpgradeDrawdown((double) v));
        risk("reconcile-tolerance", Kind.NON_NEGATIVE, "R-REC-2",
                "cash difference to a broker snapshot that pauses entries (shares must match)",
                RiskParams::reconcileTolerance, (p, v) -> p.withReconcileTolerance((double) v));

        exit("reevaluate-every", Kind.DURATION, "R-STOP-5",
                "stop and target levels are re-evaluated this often",
                ExitParams::reevaluateEvery, (p, v) -> p.withReevaluateEvery((Duration) v));
        exit("atr-change-pct", Kind.FRACTION, "R-STOP-5",
                "levels are recomputed when ATR changed by more than this",
                ExitParams::atrChangePct, (p, v) -> p.withAtrChangePct((double) v));
        exit("earnings-stop-factor", Kind.FRACTION_ABOVE_ZERO, "R-STOP-6",
                "stop multiplier factor within 3 trading days of earnings",
                ExitParams::earningsStopFactor, (p, v) -> p.withEarningsStopFactor((double) v));
        exit("high-severity-stop-factor", Kind.FRACTION_ABOVE_ZERO, "R-STOP-6",
                "stop multiplier factor during a high-severity event",
                ExitParams::highSeverityStopFactor,
                (p, v) -> p.withHighSeverityStopFactor((double) v));
        exit("heat-tighten-at", Kind.FRACTION_ABOVE_ZERO, "R-STOP-7",
                "share of the tier's max heat above which stops tighten",
                ExitParams::heatTightenAt, (p, v) -> p.withHeatTightenAt((double) v));
        exit("stale-price-after", Kind.DURATION, "R-STOP-8",
                "a position without a price for this much session time closes",
                ExitParams::stalePriceAfter, (p, v) -> p.withStalePriceAfter((Duration) v));
        exit("trailing-arm-pct", Kind.FRACTION, "R-STOP-4",
                "share of the way to the target past which the stop trails",
                ExitParams::trailingArmPct, (p, v) -> p.withTrailingArmPct((double) v));
        exit("rapid-move-pct", Kind.FRACTION_ABOVE_ZERO, "R-MOVE-1",
                "a move this large re-evaluates the ticker's positions (at least 5 %)",
                ExitParams::rapidMovePct, (p, v) -> p.withRapidMovePct((double) v));
        exit("gradual-entry-threshold", Kind.NON_NEGATIVE, "R-ORD-2",
                "entries worth more than this (or the pool share) are split",
                ExitParams::gradualEntryThreshold,
                (p, v) -> p.withGradualEntryThreshold((double) v));
        exit("gradual-entry-pool-pct", Kind.FRACTION, "R-ORD-2",
                "or worth more than this share of the active pool",
                ExitParams::gradualEntryPoolPct, (p, v) -> p.withGradualEntryPoolPct((double) v));
        exit("tranches", Kind.PERIOD, "R-ORD-2", "tranches of a gradual entry; 1 = off",
                ExitParams::tranches, (p, v) -> p.withTranches((int) v));
        exit("tranche-interval", Kind.DURATION, "R-ORD-2", "time between tranches",
                ExitParams::trancheInterval, (p, v) -> p.withTrancheInterval((Duration) v));
        exit("micro-enabled", Kind.BOOLEAN, "R-MICRO-1", "micro-trading on or off",
                ExitParams::microEnabled, (p, v) -> p.withMicroEnabled((boolean) v));
        exit("micro-pool-pct", Kind.FRACTION_ABOVE_ZERO, "R-MICRO-1",
                "largest micro-trade as a share of the active pool",
                ExitParams::microPoolPct, (p, v) -> p.withMicroPoolPct((double) v));
        exit("micro-max-per-day", Kind.PERIOD, "R-MICRO-1", "micro-trades a day",
                ExitParams::microMaxPerDay, (p, v) -> p.withMicroMaxPerDay((int) v));
        exit("micro-stop-atr", Kind.POSITIVE, "R-MICRO-1", "micro-trade stop distance in ATRs",
                ExitParams::microStopAtr, (p, v) -> p.withMicroStopAtr((double) v));
        exit("micro-reward-risk", Kind.POSITIVE, "R-MICRO-1",
                "micro-trade target distance over stop distance",
                ExitParams::microRewardRisk, (p, v) -> p.withMicroRewardRisk((double) v));
        exit("micro-max-hold", Kind.DURATION, "R-MICRO-1", "a micro-trade closes after this long",
                ExitParams::microMaxHold, (p, v) -> p.withMicroMaxHold((Duration) v));
        exit("rebalance", Kind.BOOLEAN, "R-REB-1", "weekly rebalance on or off",
                ExitParams::rebalance, (p, v) -> p.withRebalance((boolean) v));
        exit("entry-timeout-bars", Kind.COUNT, "R-ORD-1",
                "an entry not filled by this many bars is cancelled; 0 = use entry-timeout",
                ExitParams::entryTimeoutBars, (p, v) -> p.withEntryTimeoutBars((int) v));

        option("option-expiry", Kind.CHOICE, "R-OPT-1",
                "expiry a direction buys: 0dte, 1dte or weekly",
                OptionParams::expiry, (p, v) -> p.withExpiry(
                        ExpiryMode.parse((String) v).key()));
        option("option-otm-strikes", Kind.COUNT, "R-OPT-1",
                "strikes out of the money from the one nearest the underlying",
                OptionParams::otmStrikes, (p, v) -> p.withOtmStrikes((int) v));
        option("option-limit", Kind.CHOICE, "R-OPT-3", "entry limit at the ask or the mid",
                OptionParams::limit, (p, v) -> p.withLimit(limit((String) v)));
        option("option-iv", Kind.NON_NEGATIVE, "R-OPT-4",
                "implied volatility of the pricing model; 0 = latest VIX / 100",
                OptionParams::iv, (p, v) -> p.withIv((double) v));
        option("option-rate", Kind.NON_NEGATIVE, "R-OPT-4",
                "risk-free rate of the pricing model, a year",
                OptionParams::rate, (p, v) -> p.withRate((double) v));

        Map<Group, List<String>> byGroup = new LinkedHashMap<>();
        for (Group g : Group.values()) {
            byGroup.put(g, new ArrayList<>());
        }
        SPECS.values().forEach(s -> byGroup.get(s.group()).add(s.key()));
        RULE_KEYS = List.copyOf(byGroup.get(Group.RULE));
        RISK_KEYS = List.copyOf(byGroup.get(Group.RISK));
        EXIT_KEYS = List.copyOf(byGroup.get(Group.EXIT));
        OPTION_KEYS = List.copyOf(byGroup.get(Group.OPTION));
        KEYS = List.copyOf(SPECS.keySet());
    }

    private RuleKeys() {}

    /** Returns whether {@code key} is a rule key. */
    public static boolean isKey(String key) {
        return SPECS.containsKey(key);
    }

    /** Returns what {@code key} holds. */
    public static Kind kind(String key) {
        return spec(key).kind();
    }

    /**
     * Returns a copy of {@code base} with {@code key} set to {@code value}, after checking the
     * value and every rule that ties two keys together ({@link #validate}).
     *
     * @throws IllegalArgumentException for an unknown key, a bad value ({@link InvalidValue}) or
     *     a value that breaks a tie between keys (e.g. correlation-reduce ≥ correlation-reject)
     */
    public static RuleParams set(RuleParams base, String key, String value) {
        RuleParams next = with(base, key, value);
        List<String> problems = RuleTies.validate(next);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return next;
    }

    /**
     * Returns a copy of {@code base} with {@code key} set to {@code value}, checking the value on
     * its own only: for callers that set several keys, then {@link #validate} once.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value ({@link InvalidValue})
     */
    public static RuleParams with(RuleParams base, String key, String value) {
        Spec s = spec(key);
        Object v = RuleValues.parse(s.key(), s.kind(), value);
        try {
            return s.set().apply(base, v);
        } catch (InvalidValue e) {
            throw e;
        } catch (IllegalArgumentException e) { // a choice the key's rule does not list
            throw new InvalidValue(key, e.getMessage());
        }
    }

    /**
     * Returns the value of {@code key} as text that {@link #set} reads back to the same value:
     * numbers plain ({@code 0.03}, {@code 25000}), durations ISO-8601 ({@code PT24H}), times
     * {@code HH:mm} or {@code none}, lists sorted and comma-separated.
     *
     * @throws IllegalArgumentException for an unknown key
     */
    public static String get(RuleParams p, String key) {
        Spec s = spec(key);
        Object v = s.get().apply(p);
        return switch (s.kind()) {
            case FRACTION_ABOVE_ZERO, FRACTION, POSITIVE, NON_NEGATIVE ->
                    RuleValues.plain(((Number) v).doubleValue());
            case COUNT, PERIOD, BOOLEAN -> String.valueOf(v);
            case DURATION, CHOICE -> v.toString();
            case TIME, TIME_OR_NONE -> v == null ? "none" : v.toString();
            case NAMES -> {
                @SuppressWarnings("unchecked")
                Set<String> names = (Set<String>) v;
                yield String.join(",", new TreeSet<>(names));
            }
        };
    }

    /**
     * Parses a duration: ISO-8601 ({@code PT10S}, {@code P4D}) or a whole number with one unit
     * ({@code 500ms}, {@code 60s}, {@code 5m}, {@code 24h}, {@code 4d}).
     *
     * @throws IllegalArgumentException with a message fit for a configuration error
     */
    public static Duration duration(String text) {
        String t = text.strip();
        Matcher m = SHORTHAND.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (expected "
                    + "ISO-8601 such as PT10S or P4D, or 500ms, 60s, 5m, 24h, 4d)");
        }
    }

    private static final Pattern SHORTHAND = Pattern.compile("(\\d{1,15})\\s*(ms|s|m|h|d)");

    // ---------------------------------------------------------------- parsing


    // ---------------------------------------------------------------- records

    private static Spec spec(String key) {
        Spec s = key == null ? null : SPECS.get(key);
        if (s == null) {
            throw new IllegalArgumentException("unknown rule key '" + key + "' (valid keys: "
                    + String.join(", ", SPECS.keySet()) + ")");
        }
        return s;
    }

    private static void rule(String key, Kind kind, String ruleId, String doc,
            Function<RuleParams, Object> get, BiFunction<RuleParams, Object, RuleParams> set) {
        SPECS.put(key, new Spec(key, kind, Group.RULE, ruleId, doc, get, set));
    }

    private static void risk(String key, Kind kind, String ruleId, String doc,
            Function<RiskParams, Object> get, BiFunction<RiskParams, Object, RiskParams> set) {
        SPECS.put(key, new Spec(key, kind, Group.RISK, ruleId, doc, p -> get.apply(p.risk()),
                (p, v) -> p.withRisk(set.apply(p.risk(), v))));
    }

    private static void exit(String key, Kind kind, String ruleId, String doc,
            Function<ExitParams, Object> get, BiFunction<ExitParams, Object, ExitParams> set) {
        SPECS.put(key, new Spec(key, kind, Group.EXIT, ruleId, doc, p -> get.apply(p.exits()),
                (p, v) -> p.withExits(set.apply(p.exits(), v))));
    }

    private static void option(String key, Kind kind, String ruleId, String doc,
            Function<OptionParams, Object> get,
            BiFunction<OptionParams, Object, OptionParams> set) {
        SPECS.put(key, new Spec(key, kind, Group.OPTION, ruleId, doc,
                p -> get.apply(p.options()), (p, v) -> p.withOptions(set.apply(p.options(), v))));
    }

    private static String limit(String v) {
        if (!OptionOrders.LIMIT_ASK.equals(v)
                && !OptionOrders.LIMIT_MID.equals(v)) {
            throw new IllegalArgumentException("option limit must be ask or mid, not '" + v + "'");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> names(Object v) {
        return (Set<String>) v;
    }

    /** Returns the one-line description of what {@code key} sets. */
    public static String doc(String key) {
        return spec(key).doc();
    }

    /** Returns the id of the rule a key belongs to, e.g. {@code R-CB-3}. */
    public static String ruleId(String key) {
        return spec(key).ruleId();
    }

    /**
     * Returns the README's table of rule keys: key, rule, what it holds, the intraday and the
     * swing defaults, one row a key in registry order ({@code RuleKeysReadmeTest} keeps the
     * README equal to it).
     */
    public static String markdownTable() {
        StringBuilder b = new StringBuilder("| key | rule | what it sets | holds | intraday | swing"
                + " |\n|---|---|---|---|---|---|\n");
        for (Spec s : SPECS.values()) {
            b.append("| `").append(s.key()).append("` | ").append(s.ruleId()).append(" | ")
                    .append(s.doc()).append(" | ").append(s.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(" | ").append(get(RuleParams.INTRADAY, s.key())).append(" | ")
                    .append(get(RuleParams.SWING, s.key())).append(" |\n");
        }
        return b.toString();
    }
}
