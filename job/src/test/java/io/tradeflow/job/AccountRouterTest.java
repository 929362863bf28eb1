package io.tradeflow.job;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.OptionQuote;
import io.tradeflow.event.Recommendation;
import io.tradeflow.io.Ingested;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.BrokerParams;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;

import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Routing of option quotes (issue 15, item 2): to the accounts trading options (R-OPT-1). */
class AccountRouterTest {
    private static final long T0 = Instant.parse("2024-03-01T15:00:00Z").toEpochMilli();

    private static AccountConfig account(String id, String instrument, String... universe) {
        return new AccountConfig(id, AccountConfig.INTRADAY, AccountConfig.BACKTEST,
                new BigDecimal("100000"), "moderate", List.of(universe), RuleParams.INTRADAY,
                instrument);
    }

    private static final EngineSettings SETTINGS = new EngineSettings(List.of(
            account("shares", AccountConfig.SHARES, "SPY", "QQQ"),
            account("spy-options", AccountConfig.OPTIONS, "SPY"),
            account("qqq-options", AccountConfig.OPTIONS, "QQQ")),
            Map.of("moderate", TierParams.MODERATE), BrokerParams.DEFAULT);

    private final List<AccountInput> out = new ArrayList<>();
    private final List<DeadLetter> unrouted = new ArrayList<>();

    private void route(Ingested in) {
        AccountRouter.Inputs router = new AccountRouter.Inputs(SETTINGS);
        router.open(null);
        router.processElement(in, router.new Context() {
            @Override
            public Long timestamp() {
                return in.ts();
            }

            @Override
            public TimerService timerService() {
                throw new UnsupportedOperationException();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <X> void output(OutputTag<X> tag, X value) {
                assertThat(tag).isEqualTo(AccountRouter.UNROUTED);
                unrouted.add((DeadLetter) value);
            }
        }, new Collector<>() {
            @Override
            public void collect(AccountInput record) {
                out.add(record);
            }

            @Override
            public void close() {}
        });
    }

    @Test
    void routesAnOptionQuoteToTheAccountsTradingOptionsOnItsUnderlying() {
        OptionQuote q = new OptionQuote("SPY", "2024-03-01", 510_000, "CALL", 1.5, 1.55, null,
                null, T0);
        route(Ingested.of(q));
        assertThat(out).containsExactly(AccountInput.of("spy-options", q));
        // at one time the account knows the bar, then the quote, then decides a recommendation
        AccountInput tick = AccountInput.of("spy-options",
                MarketTick.withAtr(new Bar("SPY", T0, 1, 1, 1, 1, 1), null));
        assertThat(out.get(0).priority()).isGreaterThan(tick.priority())
                .isLessThan(AccountInput.of("spy-options", new Recommendation("r1", null, "SPY",
                        "buy", 0.9, "orb", "live_eligible", T0, null, null, null, null, null,
                        "sig")).priority());
        assertThat(unrouted).isEmpty();
    }

    @Test
    void makesAQuoteNoOptionsAccountTakesADeadLetter() {
        route(Ingested.of(new OptionQuote("IWM", "2024-03-01", 200_000, "PUT", 1, 1.1, null,
                null, T0)));
        assertThat(out).isEmpty();
        assertThat(unrouted).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo("unknown_ticker");
            assertThat(d.detail()).contains("no account trades options on IWM");
        });
    }
}
