package io.tradeflow.engine;

import static io.tradeflow.engine.EngineFixtures.ACCOUNT;
import static io.tradeflow.engine.EngineFixtures.DAY;
import static io.tradeflow.engine.EngineFixtures.at;
import static io.tradeflow.engine.EngineFixtures.bar;
import static io.tradeflow.engine.EngineFixtures.rec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Fill;
import io.tradeflow.event.OptionQuote;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.EngineSettings;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * An options account trades contracts (R-OPT-3, R-OPT-4): the entry fills at the ask when the ask
 * is at or below the limit, or is cancelled after 60 s (R-ORD-1); the underlying's ATR levels
 * close the position, the premium stop only when ATR was unknown; the 15:00 force exit (R-WIN-2)
 * sells at the bid; P&amp;L is premium × 100 × contracts less 0.65 a contract a leg. Every
 * scenario runs in STREAMING and BATCH, with the same outputs.
 */
class OptionTradesEngineTest {
    private static final String CALL = "SPY   250312C00561000";
    private static final double PER_CONTRACT = 0.65;

    /** The run's outputs, the same in STREAMING and BATCH. */
    private record Run(List<AccountOutput> out) {
        Decision decision() {
            return out.stream().map(AccountOutput::decision).filter(Objects::nonNull)
                    .findFirst().orElseThrow();
        }

        List<Order> orders() {
            return out.stream().map(AccountOutput::order).filter(Objects::nonNull).toList();
        }

        List<Fill> fills() {
            return out.stream().map(AccountOutput::fill).filter(Objects::nonNull).toList();
        }

        PositionEvent closed() {
            return out.stream().map(AccountOutput::position).filter(Objects::nonNull)
                    .filter(p -> PositionEvent.CLOSED.equals(p.status())).findFirst()
                    .orElseThrow();
        }
    }

    private static OptionQuote quote(double bid, double ask, long ts) {
        return new OptionQuote("SPY", DAY.toString(), 561_000, "CALL", bid, ask, null, null, ts);
    }

    /**
     * SPY bars each minute from 10:00 to {@code until} at {@code spot(minute)} with {@code atr},
     * a buy at 10:10 at 561, and the extra inputs; run in both modes.
     */
    private static Run run(String mode, String until, Double atr, DoubleUnaryOperator spot,
            List<AccountInput> extra) throws Exception {
        List<AccountInput> in = new ArrayList<>();
        for (long ts = at("10:00:00"); ts <= at(until); ts += 60_000L) {
            double p = spot.applyAsDouble((ts - at("10:00:00")) / 60_000.0);
            in.add(bar("SPY", ts, p, p + 0.1, p - 0.1, p, atr));
        }
        in.add(rec("r1", "SPY", "buy", 0.9, 561.0, at("10:10:00")));
        in.addAll(extra);
        in.sort(Comparator.comparingLong(AccountInput::ts));
        EngineSettings settings = EngineFixtures.optionSettings(mode);
        List<AccountOutput> streaming = EngineFixtures.streaming(settings, in);
        assertThat(EngineFixtures.batch(settings, in)).as("BATCH = STREAMING")
                .isEqualTo(streaming);
        return new Run(streaming);
    }

    private static List<AccountInput> quotes(Object... tsBidAsk) {
        List<AccountInput> q = new ArrayList<>();
        for (int i = 0; i < tsBidAsk.length; i += 3) {
            q.add(AccountInput.of(ACCOUNT, quote((double) tsBidAsk[i + 1],
                    (double) tsBidAsk[i + 2], at((String) tsBidAsk[i]))));
        }
        return q;
    }

    private static BigDecimal pnl(double entry, double exit, long contracts) {
        // by hand: (exit − entry) × 100 × contracts − 0.65 × contracts on each of two legs
        return BigDecimal.valueOf((exit - entry) * 100 * contracts - 2 * PER_CONTRACT * contracts)
                .setScale(4, java.math.RoundingMode.HALF_EVEN);
    }

    @Test
    void rOpt3EntryFillsAtTheAskWhenTheAskIsAtOrBelowTheLimit() throws Exception {
        Run r = run(AccountConfig.PAPER, "10:20:00", 1.0, m -> 561, quotes(
                "10:09:00", 1.50, 1.55, "10:10:30", 1.48, 1.52));
        Decision d = r.decision();
        assertThat(d.decision()).isEqualTo(Decision.ACT);
        assertThat(d.limitPrice()).isEqualTo(1.55);
        assertThat(d.quantity()).isPositive();
        assertThat(d.instrument()).isEqualTo(CALL);
        Order entry = r.orders().get(0);
        assertThat(entry.instrument()).isEqualTo(CALL);
        assertThat(entry.ticker()).isEqualTo("SPY");
        assertThat(entry.side()).isEqualTo("buy");
        assertThat(entry.type()).isEqualTo(Order.LIMIT);
        assertThat(entry.quantity()).isEqualTo(d.quantity());
        assertThat(r.fills()).singleElement().satisfies(f -> {
            assertThat(f.price()).as("at the ask, below the limit").isEqualTo(1.52);
            assertThat(f.instrument()).isEqualTo(CALL);
            assertThat(f.modelled()).isFalse();
            assertThat(f.ts()).isEqualTo(at("10:11:00"));
            assertThat(f.commission()).isEqualTo(PER_CONTRACT * d.quantity(),
                    org.assertj.core.data.Offset.offset(1e-9));
        });
        assertThat(r.out()).map(AccountOutput::position).filteredOn(Objects::nonNull)
                .first().satisfies(p -> {
                    assertThat(p.instrument()).isEqualTo(CALL);
                    assertThat(p.quantity()).isEqualTo(d.quantity());
                    assertThat(p.entryPrice()).isEqualTo(1.52);
                    // the ATR levels of the underlying: 561 ∓ 2 × ATR, target at 2:1
                    assertThat(p.stopPrice()).isEqualTo(559.0);
                    assertThat(p.targetPrice()).isEqualTo(565.0);
                });
    }

    @Test
    void rOpt3NoFillAboveTheLimitThenTheEntryIsCancelled() throws Exception {
        Run r = run(AccountConfig.PAPER, "10:20:00", 1.0, m -> 561, quotes(
                "10:09:00", 1.50, 1.55, "10:10:30", 1.58, 1.60));
        assertThat(r.fills()).isEmpty();
        assertThat(r.orders()).extracting(Order::status)
                .containsExactly(Order.NEW, Order.CANCELLED);
        Order cancelled = r.orders().get(1);
        assertThat(cancelled.reason()).isEqualTo(TrancheScheduler.ENTRY_CANCELLED);
        assertThat(cancelled.instrument()).isEqualTo(CALL);
        assertThat(cancelled.limitPrice()).isEqualTo(1.55);
        assertThat(r.out()).noneMatch(o -> o.position() != null);
    }

    @Test
    void rOpt3TheUnderlyingsAtrStopClosesThePositionNotThePremium() throws Exception {
        // the bid halves at 10:20 (below the 25 % premium stop) while SPY holds: no exit; SPY
        // falls to 558 at 10:30, through its ATR stop of 559: a market sell at the bid
        Run r = run(AccountConfig.PAPER, "10:40:00", 1.0, m -> m < 30 ? 561 : 558, quotes(
                "10:09:00", 1.50, 1.55, "10:20:00", 0.70, 0.75, "10:30:00", 0.40, 0.45));
        List<Order> exits = r.orders().stream().filter(o -> "sell".equals(o.side())).toList();
        assertThat(exits).isNotEmpty().allSatisfy(o -> {
            assertThat(o.reason()).isEqualTo("R-OPT-3:underlying-stop");
            assertThat(o.type()).isEqualTo(Order.MARKET);
            assertThat(o.instrument()).isEqualTo(CALL);
            assertThat(o.ts()).isEqualTo(at("10:30:00"));
        });
        Fill sell = r.fills().get(1);
        assertThat(sell.price()).as("at the bid").isEqualTo(0.40);
        assertThat(r.closed().reason()).isEqualTo("R-OPT-3:underlying-stop");
    }

    @Test
    void rOpt3ThePremiumStopIsTheFallbackWhenAtrWasUnknown() throws Exception {
        Run r = run(AccountConfig.PAPER, "10:40:00", null, m -> 561, quotes(
                "10:09:00", 1.50, 1.55, "10:20:00", 1.20, 1.25, "10:24:30", 1.10, 1.15));
        PositionEvent closed = r.closed();
        // the premium stop: 25 % below the entry of 1.55, checked on the bid
        assertThat(closed.stopPrice()).isCloseTo(1.55 * 0.75,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(closed.targetPrice()).as("no target on the premium alone").isNull();
        assertThat(closed.reason()).isEqualTo("R-OPT-3:premium-stop");
        assertThat(closed.exitPrice()).isEqualTo(1.10);
        Order exit = r.orders().stream().filter(o -> "sell".equals(o.side())).findFirst()
                .orElseThrow();
        // 1.20 is above the stop; 1.10 at or below it, seen at the next bar of the underlying
        assertThat(exit.ts()).isEqualTo(at("10:25:00"));
    }

    @Test
    void rWin2TheForceExitSellsTheContractsAtTheBidAndPnlCountsPerContract() throws Exception {
        Run r = run(AccountConfig.PAPER, "15:05:00", 1.0, m -> 561, quotes(
                "10:09:00", 1.50, 1.55, "14:30:00", 1.80, 1.85));
        long contracts = r.decision().quantity();
        Order exit = r.orders().stream().filter(o -> "sell".equals(o.side())).findFirst()
                .orElseThrow();
        assertThat(exit.reason()).isEqualTo("R-WIN-2");
        assertThat(exit.type()).isEqualTo(Order.MARKET);
        assertThat(exit.quantity()).isEqualTo(contracts);
        assertThat(exit.instrument()).isEqualTo(CALL);
        Fill sell = r.fills().get(1);
        assertThat(sell.price()).as("at the bid").isEqualTo(1.80);
        assertThat(sell.commission()).isEqualTo(PER_CONTRACT * contracts,
                org.assertj.core.data.Offset.offset(1e-9));
        PositionEvent closed = r.closed();
        assertThat(closed.reason()).isEqualTo("R-WIN-2");
        assertThat(closed.instrument()).isEqualTo(CALL);
        assertThat(closed.realizedPnl()).as("R-OPT-3: premium × 100 × contracts, less fees")
                .isEqualByComparingTo(pnl(1.55, 1.80, contracts));
    }

    @Test
    void rOpt4FillsWithoutAQuoteAreModelledAndMarkedSo() throws Exception {
        List<AccountInput> vix = List.of(EngineFixtures.vix(at("10:00:00"), 18));
        Run modelled = run(AccountConfig.BACKTEST, "15:05:00", 1.0, m -> 561, vix);
        assertThat(modelled.decision().decision()).isEqualTo(Decision.ACT);
        assertThat(modelled.fills()).hasSize(2).allSatisfy(f -> {
            assertThat(f.modelled()).isTrue();
            assertThat(f.instrument()).isEqualTo(CALL);
        });
        assertThat(modelled.closed().modelled()).isTrue();
        // the model's fill is at or below the limit, the limit its price rounded up to a cent
        Fill buy = modelled.fills().get(0);
        assertThat(buy.price()).isLessThanOrEqualTo(modelled.decision().limitPrice());
        // time decay: held from 10:11 to 15:01 at a flat SPY the model's price falls
        assertThat(modelled.fills().get(1).price()).isLessThan(buy.price());

        List<AccountInput> quoted = new ArrayList<>(vix);
        quoted.addAll(quotes("10:09:00", 1.50, 1.55));
        Run withQuotes = run(AccountConfig.BACKTEST, "15:05:00", 1.0, m -> 561, quoted);
        assertThat(withQuotes.fills()).hasSize(2).noneMatch(Fill::modelled);
        assertThat(withQuotes.closed().modelled()).isFalse();
    }
}
