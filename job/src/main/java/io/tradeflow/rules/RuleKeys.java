package io.tradeflow.rules;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
        NAMES
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
        EXIT
    }

    private record Spec(String key, Kind kind, Group group, RecordComponent component,
            String ruleId) {}

    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    /** The keys of {@link RuleParams}' own numbers, in declaration order. */
    public static final List<String> RULE_KEYS;

    /** The keys of the risk rulebook ({@link RiskParams}), in declaration order. */
    public static final List<String> RISK_KEYS;

    /** The keys of the exit and order rules ({@link ExitParams}), in declaration order. */
    public static final List<String> EXIT_KEYS;

    /** Every key: rule keys, then risk keys, then exit keys. */
    public static final List<String> KEYS;

    private static final Pattern SHORTHAND = Pattern.compile("(\\d{1,15})\\s*(ms|s|m|h|d)");

    static {
        rule("entry-start", Kind.TIME, "R-WIN-1");
        rule("entry-end", Kind.TIME, "R-WIN-1");
        rule("force-exit", Kind.TIME_OR_NONE, "R-WIN-2");
        rule("base-pct", Kind.FRACTION_ABOVE_ZERO, "R-SIZE-2");
        rule("absolute-position-cap", Kind.POSITIVE, "R-SIZE-8");
        rule("stop-loss-percent", Kind.FRACTION_ABOVE_ZERO, "R-STOP-2");
        rule("entry-timeout", Kind.DURATION, "R-ORD-1");
        rule("dedupe-window", Kind.DURATION, "R-SIG-5");
        rule("allowed-live-signal-types", Kind.NAMES, "R-SIG-1");
        rule("backtest-allows-all-signals", Kind.BOOLEAN, "R-SIG-1");
        rule("vix-halt-level", Kind.POSITIVE, "R-VIX-1");
        rule("vix-stale-after", Kind.DURATION, "R-VIX-1");

        risk("max-open-positions", Kind.COUNT, "R-POS-1");
        risk("max-trades-per-day", Kind.COUNT, "R-DAY-1");
        risk("max-consecutive-losses", Kind.COUNT, "R-DAY-1");
        risk("daily-loss-pct", Kind.FRACTION, "R-CB-1");
        risk("position-loss-pct", Kind.FRACTION, "R-CB-2");
        risk("position-cooldown", Kind.DURATION, "R-CB-2");
        risk("stop-out-count", Kind.COUNT, "R-CB-3");
        risk("stop-out-window", Kind.DURATION, "R-CB-3");
        risk("stop-out-pause", Kind.DURATION, "R-CB-3");
        risk("declining-share", Kind.FRACTION, "R-HALT-1");
        risk("declining-loss-pct", Kind.FRACTION, "R-HALT-1");
        risk("min-active-pool", Kind.NON_NEGATIVE, "R-POOL-3");
        risk("reserve-siphon-pct", Kind.FRACTION, "R-POOL-1");
        risk("emergency-drawdown-pct", Kind.FRACTION, "R-POOL-4");
        risk("reserve-high-water-pct", Kind.FRACTION, "R-POOL-5");
        risk("max-risk-per-trade-pct", Kind.FRACTION, "R-SIZE-8");
        risk("correlation-reduce", Kind.FRACTION, "R-SIZE-3");
        risk("correlation-reject", Kind.FRACTION, "R-SIZE-3");
        risk("correlation-days", Kind.PERIOD, "R-SIZE-3");
        risk("diversification-bonus", Kind.POSITIVE, "R-SIZE-5");
        risk("diversification-max-sectors", Kind.COUNT, "R-SIZE-5");
        risk("earnings-reduce-days", Kind.COUNT, "R-CAL-2");
        risk("earnings-reject-days", Kind.COUNT, "R-CAL-2");
        risk("earnings-size-factor", Kind.FRACTION, "R-CAL-2");
        risk("event-day-cutoff", Kind.TIME_OR_NONE, "R-CAL-1");
        risk("confluence-sizing", Kind.BOOLEAN, "R-SIZE-7");
        risk("win-rate-window", Kind.DURATION, "R-RISK-1");
        risk("downgrade-win-rate", Kind.FRACTION, "R-RISK-1");
        risk("downgrade-drawdown", Kind.FRACTION, "R-RISK-1");
        risk("upgrade-win-rate", Kind.FRACTION, "R-RISK-1");
        risk("upgrade-reserve-pct", Kind.FRACTION, "R-RISK-1");
        risk("upgrade-drawdown", Kind.FRACTION, "R-RISK-1");

        exit("reevaluate-every", Kind.DURATION, "R-STOP-5");
        exit("atr-change-pct", Kind.FRACTION, "R-STOP-5");
        exit("earnings-stop-factor", Kind.FRACTION_ABOVE_ZERO, "R-STOP-6");
        exit("high-severity-stop-factor", Kind.FRACTION_ABOVE_ZERO, "R-STOP-6");
        exit("heat-tighten-at", Kind.FRACTION_ABOVE_ZERO, "R-STOP-7");
        exit("stale-price-after", Kind.DURATION, "R-STOP-8");
        exit("trailing-arm-pct", Kind.FRACTION, "R-STOP-4");
        exit("rapid-move-pct", Kind.FRACTION_ABOVE_ZERO, "R-MOVE-1");
        exit("gradual-entry-threshold", Kind.NON_NEGATIVE, "R-ORD-2");
        exit("gradual-entry-pool-pct", Kind.FRACTION, "R-ORD-2");
        exit("tranches", Kind.PERIOD, "R-ORD-2");
        exit("tranche-interval", Kind.DURATION, "R-ORD-2");
        exit("micro-enabled", Kind.BOOLEAN, "R-MICRO-1");
        exit("micro-pool-pct", Kind.FRACTION_ABOVE_ZERO, "R-MICRO-1");
        exit("micro-max-per-day", Kind.PERIOD, "R-MICRO-1");
        exit("micro-stop-atr", Kind.POSITIVE, "R-MICRO-1");
        exit("micro-reward-risk", Kind.POSITIVE, "R-MICRO-1");
        exit("micro-max-hold", Kind.DURATION, "R-MICRO-1");
        exit("rebalance", Kind.BOOLEAN, "R-REB-1");
        exit("entry-timeout-bars", Kind.COUNT, "R-ORD-1");

        Map<Group, List<String>> byGroup = new LinkedHashMap<>();
        for (Group g : Group.values()) {
            byGroup.put(g, new ArrayList<>());
        }
        SPECS.values().forEach(s -> byGroup.get(s.group()).add(s.key()));
        RULE_KEYS = List.copyOf(byGroup.get(Group.RULE));
        RISK_KEYS = List.copyOf(byGroup.get(Group.RISK));
        EXIT_KEYS = List.copyOf(byGroup.get(Group.EXIT));
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
        List<String> problems = validate(next);
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
        Object parsed = RuleValues.parse(s.key(), s.kind(), value);
        return switch (s.group()) {
            case RISK -> base.withRisk(replace(base.risk(), s.component(), parsed));
            case EXIT -> base.withExits(replace(base.exits(), s.component(), parsed));
            case RULE -> replace(base, s.component(), parsed);
        };
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
        Object owner = switch (s.group()) {
            case RISK -> p.risk();
            case EXIT -> p.exits();
            case RULE -> p;
        };
        Object v = read(owner, s.component());
        return switch (s.kind()) {
            case FRACTION_ABOVE_ZERO, FRACTION, POSITIVE, NON_NEGATIVE ->
                    plain(((Number) v).doubleValue());
            case COUNT, PERIOD, BOOLEAN -> String.valueOf(v);
            case DURATION -> v.toString();
            case TIME, TIME_OR_NONE -> v == null ? "none" : v.toString();
            case NAMES -> {
                @SuppressWarnings("unchecked")
                Set<String> names = (Set<String>) v;
                yield String.join(",", new TreeSet<>(names));
            }
        };
    }

    /**
     * Returns every broken tie between keys, each as {@code key: what is wrong} naming the rule:
     * the entry window (R-WIN-1, R-WIN-2), correlation reduce below reject (R-SIZE-3), earnings
     * reject within the reduce window (R-CAL-2), and the tier controller's downgrade thresholds
     * looser than its upgrade ones (R-RISK-1).
     */
    public static List<String> validate(RuleParams r) {
        List<String> out = new ArrayList<>();
        if (!r.entryStart().isBefore(r.entryEnd())) {
            out.add("entry-start: entry-start " + r.entryStart() + " must be before entry-end "
                    + r.entryEnd() + " (R-WIN-1)");
        }
        if (r.forceExit() != null && !r.forceExit().isAfter(r.entryEnd())) {
            out.add("force-exit: force-exit " + r.forceExit() + " must be after entry-end "
                    + r.entryEnd() + " (R-WIN-2)");
        }
        if (r.exits().rapidMovePct() < ExitParams.DEFAULTS.rapidMovePct() * (1 - 1e-9)) {
            out.add("rapid-move-pct: rapid-move-pct " + plain(r.exits().rapidMovePct())
                    + " is below " + plain(ExitParams.DEFAULTS.rapidMovePct()) + ", the job's"
                    + " rapid-move pattern threshold (R-MOVE-1): an account may react to larger"
                    + " moves only");
        }
        RiskParams k = r.risk();
        if (k.correlationReduce() >= k.correlationReject()) {
            out.add("correlation-reduce: correlation-reduce " + plain(k.correlationReduce())
                    + " must be below correlation-reject " + plain(k.correlationReject())
                    + " (R-SIZE-3)");
        }
        if (k.earningsRejectDays() > k.earningsReduceDays()) {
            out.add("earnings-reject-days: earnings-reject-days " + k.earningsRejectDays()
                    + " must not exceed earnings-reduce-days " + k.earningsReduceDays()
                    + " (R-CAL-2)");
        }
        if (k.downgradeWinRate() > k.upgradeWinRate()) {
            out.add("downgrade-win-rate: downgrade-win-rate " + plain(k.downgradeWinRate())
                    + " must not exceed upgrade-win-rate " + plain(k.upgradeWinRate())
                    + " (R-RISK-1)");
        }
        if (k.upgradeDrawdown() > k.downgradeDrawdown()) {
            out.add("upgrade-drawdown: upgrade-drawdown " + plain(k.upgradeDrawdown())
                    + " must not exceed downgrade-drawdown " + plain(k.downgradeDrawdown())
                    + " (R-RISK-1)");
        }
        return out;
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

    // ---------------------------------------------------------------- parsing

    private static String plain(double d) {
        BigDecimal b = BigDecimal.valueOf(d).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }

    // ---------------------------------------------------------------- records

    private static Spec spec(String key) {
        Spec s = key == null ? null : SPECS.get(key);
        if (s == null) {
            throw new IllegalArgumentException("unknown rule key '" + key + "' (valid keys: "
                    + String.join(", ", SPECS.keySet()) + ")");
        }
        return s;
    }

    private static void rule(String key, Kind kind, String ruleId) {
        SPECS.put(key, new Spec(key, kind, Group.RULE, component(RuleParams.class, key), ruleId));
    }

    private static void risk(String key, Kind kind, String ruleId) {
        SPECS.put(key, new Spec(key, kind, Group.RISK, component(RiskParams.class, key), ruleId));
    }

    private static void exit(String key, Kind kind, String ruleId) {
        SPECS.put(key, new Spec(key, kind, Group.EXIT, component(ExitParams.class, key), ruleId));
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
        StringBuilder b = new StringBuilder("| key | rule | holds | intraday | swing |\n"
                + "|---|---|---|---|---|\n");
        for (Spec s : SPECS.values()) {
            b.append("| `").append(s.key()).append("` | ").append(s.ruleId()).append(" | ")
                    .append(s.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(" | ").append(get(RuleParams.INTRADAY, s.key())).append(" | ")
                    .append(get(RuleParams.SWING, s.key())).append(" |\n");
        }
        return b.toString();
    }

    /** The record component named by the key in camel case ({@code base-pct} → basePct). */
    private static RecordComponent component(Class<?> type, String key) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return Arrays.stream(type.getRecordComponents())
                .filter(c -> c.getName().contentEquals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(type.getSimpleName()
                        + " has no component " + name + " for key " + key));
    }

    private static Object read(Object record, RecordComponent c) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }

    private static <R extends Record> R replace(R record, RecordComponent target, Object value) {
        RecordComponent[] cs = record.getClass().getRecordComponents();
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
            types[i] = cs[i].getType();
            args[i] = cs[i].getName().equals(target.getName()) ? value : read(record, cs[i]);
        }
        try {
            @SuppressWarnings("unchecked")
            Constructor<R> ctor = (Constructor<R>) record.getClass().getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + record.getClass().getSimpleName(), e);
        }
    }
}
