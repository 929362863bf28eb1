package io.tradeflow.job;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.RapidMove;
import io.tradeflow.io.Ingested;
import io.tradeflow.job.edges.EdgeTypes;
import io.tradeflow.market.MarketEvents;
import io.tradeflow.ordering.Timestamps;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.EngineSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Routes inputs to the accounts they concern: market data and recommendations to the accounts whose
 * universe holds the ticker (or the one account named), option quotes to the accounts trading
 * options on their underlying, VIX to every account, calendar entries to every account (earnings
 * only to the ticker's), control commands, fills and broker snapshots to their account.
 * Anything no account takes becomes a dead letter.
 */
final class AccountRouter {
    static final OutputTag<DeadLetter> UNROUTED =
            new OutputTag<>("unrouted", TypeInformation.of(DeadLetter.class));

    private AccountRouter() {}

    /** Routes enriched ticks; the ticker stage only sees tickers some universe holds. */
    static final class Ticks extends ProcessFunction<MarketTick, AccountInput> {
        private final EngineSettings settings;
        private transient Map<String, List<String>> byTicker;

        Ticks(EngineSettings settings) {
            this.settings = settings;
        }

        @Override
        public void open(OpenContext ctx) {
            byTicker = index(settings);
        }

        @Override
        public void processElement(MarketTick tick, Context ctx, Collector<AccountInput> out) {
            List<String> accounts = byTicker.getOrDefault(tick.ticker(), List.of());
            if (accounts.isEmpty()) {
                return;
            }
            // the engine reads a bar and its ATR: the other indicators would only be serialized,
            // sorted and stored for every account
            MarketTick slim = MarketTick.withAtr(tick.bar(), tick.atr());
            for (String account : accounts) {
                out.collect(AccountInput.of(account, slim));
            }
        }
    }

    /** Routes the ticker stage's signals, as recommendations, to the accounts trading the ticker. */
    static final class Signals extends ProcessFunction<io.tradeflow.event.Signal, AccountInput> {
        private final EngineSettings settings;
        private transient Map<String, List<String>> byTicker;

        Signals(EngineSettings settings) {
            this.settings = settings;
        }

        @Override
        public void open(OpenContext ctx) {
            byTicker = index(settings);
        }

        @Override
        public void processElement(io.tradeflow.event.Signal s, Context ctx,
                Collector<AccountInput> out) {
            var rec = io.tradeflow.rules.signals.SignalRecommendations.of(s, settings.signals());
            // a side output carries the time of the call that emitted it (in BATCH the next bar's):
            // the engine needs the signal's own time
            Timestamps.stamp(out, s.ts());
            for (String account : byTicker.getOrDefault(s.ticker(), List.of())) {
                out.collect(AccountInput.of(account, rec));
            }
        }
    }

    /** Routes every input but bars, which go through the ticker stage first. */
    static final class Inputs extends ProcessFunction<Ingested, AccountInput> {
        private final EngineSettings settings;
        private transient Map<String, List<String>> byTicker;
        private transient Map<String, List<String>> optionsByTicker;
        private transient List<String> all;

        Inputs(EngineSettings settings) {
            this.settings = settings;
        }

        @Override
        public void open(OpenContext ctx) {
            byTicker = index(settings);
            optionsByTicker = optionsIndex(settings);
            all = settings.accounts().stream().map(AccountConfig::id).sorted().toList();
        }

        @Override
        public void processElement(Ingested in, Context ctx, Collector<AccountInput> out) {
            switch (in.kind()) {
                case Ingested.RECOMMENDATION -> {
                    var rec = in.recommendation();
                    List<String> targets = byTicker.getOrDefault(rec.ticker(), List.of());
                    if (rec.account() != null) {
                        targets = targets.contains(rec.account()) ? List.of(rec.account()) : List.of();
                    }
                    if (targets.isEmpty()) {
                        ctx.output(UNROUTED, DeadLetters.of("recommendations", rec.id(),
                                "unknown_ticker", "no account"
                                        + (rec.account() == null ? "" : " '" + rec.account() + "'")
                                        + " trades " + rec.ticker(), rec));
                    }
                    targets.forEach(a -> out.collect(AccountInput.of(a, rec)));
                }
                case Ingested.OPTION_QUOTE -> {
                    var q = in.optionQuote();
                    List<String> targets = optionsByTicker.getOrDefault(q.underlying(), List.of());
                    if (targets.isEmpty()) {
                        ctx.output(UNROUTED, DeadLetters.of("option-quotes", q.underlying() + "@"
                                + q.ts(), "unknown_ticker", "no account trades options on "
                                + q.underlying(), q));
                    }
                    targets.forEach(a -> out.collect(AccountInput.of(a, q)));
                }
                case Ingested.VIX -> all.forEach(a -> out.collect(AccountInput.of(a, in.vix())));
                case Ingested.CALENDAR -> {
                    var e = in.calendar();
                    List<String> targets = e.ticker() == null
                            ? all : byTicker.getOrDefault(e.ticker(), List.of());
                    targets.forEach(a -> out.collect(AccountInput.of(a, e)));
                }
                case Ingested.CONTROL -> {
                    var c = in.control();
                    List<String> targets = "*".equals(c.account()) ? all
                            : all.contains(c.account()) ? List.of(c.account()) : List.of();
                    if (targets.isEmpty()) {
                        ctx.output(UNROUTED, DeadLetters.of("control", c.id(), "unknown_account",
                                "no account '" + c.account() + "'", c));
                    }
                    targets.forEach(a -> out.collect(AccountInput.of(a, c)));
                }
                case Ingested.FILL -> {
                    var f = in.fill();
                    if (all.contains(f.account())) {
                        out.collect(AccountInput.of(f.account(), f));
                    } else {
                        ctx.output(UNROUTED, DeadLetters.of("fills", f.clientOrderId(),
                                "unknown_account", "no account '" + f.account() + "'", f));
                    }
                }
                case Ingested.BROKER_POSITIONS -> {
                    var b = in.brokerPositions();
                    if (all.contains(b.account())) {
                        out.collect(AccountInput.of(b.account(), b));
                    } else {
                        ctx.output(UNROUTED, DeadLetters.of("broker-positions", b.id(),
                                "unknown_account", "no account '" + b.account() + "'", b));
                    }
                }
                default -> throw new IllegalArgumentException("not routed here: " + in.kind());
            }
        }
    }

    static Map<String, List<String>> index(EngineSettings settings) {
        return index(settings.accounts());
    }

    /** Returns the accounts trading options (R-OPT-1) by the tickers of their universe. */
    static Map<String, List<String>> optionsIndex(EngineSettings settings) {
        return index(settings.accounts().stream().filter(AccountConfig::tradesOptions).toList());
    }

    private static Map<String, List<String>> index(List<AccountConfig> accounts) {
        Map<String, List<String>> byTicker = new TreeMap<>();
        for (AccountConfig a : accounts) {
            for (String t : a.universe()) {
                byTicker.computeIfAbsent(t, k -> new ArrayList<>()).add(a.id());
            }
        }
        byTicker.values().forEach(l -> l.sort(String::compareTo));
        return byTicker;
    }

    /**
     * Routes the market's events: VIX halts and volatility clusters to every account (a cluster
     * {@link MarketEvents#CLUSTER_DELAY} after its last move), rapid moves to the accounts trading
     * the ticker at the move's own time (R-MOVE-1).
     */
    static DataStream<AccountInput> marketEvents(MarketEvents.Streams m, EngineSettings settings) {
        DataStream<AccountInput> halts = m.halts().process(new ToAccounts(settings, 0))
                .returns(EdgeTypes.ACCOUNT_INPUT)
                .name("route-vix-halts").uid("route-vix-halts");
        DataStream<AccountInput> moves = m.moves().process(new MovesToAccounts(settings))
                .returns(EdgeTypes.ACCOUNT_INPUT)
                .name("route-rapid-moves").uid("route-rapid-moves");
        DataStream<AccountInput> clusters = m.clusters()
                .process(new ToAccounts(settings, MarketEvents.CLUSTER_DELAY))
                .returns(EdgeTypes.ACCOUNT_INPUT)
                .name("route-volatility-clusters").uid("route-volatility-clusters");
        return halts.union(moves, clusters);
    }

    /** Sends a rapid move to the accounts trading its ticker, at its completing bar's time. */
    static final class MovesToAccounts extends ProcessFunction<RapidMove, AccountInput> {
        private final EngineSettings settings;
        private transient Map<String, List<String>> byTicker;

        MovesToAccounts(EngineSettings settings) {
            this.settings = settings;
        }

        @Override
        public void open(OpenContext ctx) {
            byTicker = index(settings);
        }

        @Override
        public void processElement(RapidMove m, Context ctx, Collector<AccountInput> out) {
            Timestamps.stamp(out, m.ts());
            for (String a : byTicker.getOrDefault(m.ticker(), List.of())) {
                out.collect(AccountInput.of(a, m, m.ts()));
            }
        }
    }

    /** Sends a market-wide event to every account at {@code event ts + delay}. */
    static final class ToAccounts extends ProcessFunction<MarketEvent, AccountInput> {
        private final EngineSettings settings;
        private final long delay;

        ToAccounts(EngineSettings settings, long delay) {
            this.settings = settings;
            this.delay = delay;
        }

        @Override
        public void processElement(MarketEvent e, Context ctx, Collector<AccountInput> out) {
            long at = e.ts() + delay;
            Timestamps.stamp(out, at);
            for (AccountConfig a : settings.accounts()) {
                out.collect(AccountInput.of(a.id(), e, at));
            }
        }
    }
}
