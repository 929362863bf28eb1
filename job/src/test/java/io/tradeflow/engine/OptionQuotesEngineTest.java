package io.tradeflow.engine;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.OptionQuote;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.calendar.TradingCalendar;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.tradeflow.engine.EngineFixtures.ACCOUNT;
import static io.tradeflow.engine.EngineFixtures.DAY;
import static io.tradeflow.engine.EngineFixtures.at;
import static io.tradeflow.engine.EngineFixtures.bar;
import static io.tradeflow.engine.EngineFixtures.rec;
import static org.assertj.core.api.Assertions.assertThat;

/** An options account's book of option quotes (issue 15, item 2; read by R-OPT-3 and R-OPT-4). */
class OptionQuotesEngineTest {

    private static EngineSettings options() {
        return options(AccountConfig.PAPER);
    }

    private static EngineSettings options(String mode) {
        return EngineFixtures.optionSettings(mode);
    }

    private static OptionQuote quote(String expiry, long strike, double bid, double ask, long ts) {
        return new OptionQuote("SPY", expiry, strike, "CALL", bid, ask, null, null, ts);
    }

    @Test
    void keepsTheLatestQuoteOfEachSeriesAndDropsExpiredSeriesOnANewDay() {
        EngineSettings settings = options();
        long[] now = {at("10:00:00")};
        EngineContext ctx = new EngineContext() {
            @Override
            public long now() {
                return now[0];
            }

            @Override
            public String account() {
                return ACCOUNT;
            }

            @Override
            public void emit(AccountOutput out) {
                throw new AssertionError("a quote emits nothing: " + out);
            }

            @Override
            public void schedule(long at, String kind, String ref) {
                throw new AssertionError("a quote schedules nothing");
            }

            @Override
            public void rejectFill(RejectedFill rejected) {}
        };
        AccountBook book = new AccountBook(new HeapAccountStore(), ctx, settings,
                Map.of(ACCOUNT, settings.accounts().get(0)), TradingCalendar.nyse());
        String today = DAY.toString();
        String tomorrow = DAY.plusDays(1).toString();
        book.onOptionQuote(quote(today, 560_000, 1.0, 1.1, at("10:00:00")));
        book.onOptionQuote(quote(today, 560_000, 1.2, 1.3, at("10:01:00")));
        book.onOptionQuote(quote(tomorrow, 560_000, 2.0, 2.1, at("10:01:00")));
        assertThat(book.optionQuote("SPY", today, "CALL", 560_000).bid()).isEqualTo(1.2);
        assertThat(book.optionQuote("SPY", today, "PUT", 560_000)).isNull();

        book.onOptionQuote(quote(tomorrow, 561_000, 1.5, 1.6, at(DAY.plusDays(1), "09:31:00")));
        assertThat(book.optionQuote("SPY", today, "CALL", 560_000)).isNull();
        assertThat(book.optionQuote("SPY", tomorrow, "CALL", 560_000).ask()).isEqualTo(2.1);
    }

    /** Bars of SPY from 10:00, a buy at 10:10 at 561 and the extra inputs given. */
    private static List<io.tradeflow.event.Decision> decide(String mode, AccountInput... extra)
            throws Exception {
        List<AccountInput> in = new ArrayList<>();
        for (int m = 0; m < 20; m++) {
            long ts = at("10:00:00") + m * 60_000L;
            in.add(bar("SPY", ts, 561, 561.2, 560.8, 561, 1.0));
        }
        in.add(rec("r1", "SPY", "buy", 0.9, 561.0, at("10:10:00")));
        in.addAll(List.of(extra));
        in.sort(Comparator.comparingLong(AccountInput::ts));
        return EngineFixtures.streaming(options(mode), in).stream()
                .map(AccountOutput::decision).filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void anOptionsAccountSizesContractsFromTheQuoteAndActsOnTheSeries() throws Exception {
        List<io.tradeflow.event.Decision> d = decide(AccountConfig.PAPER,
                AccountInput.of(ACCOUNT, quote(DAY.toString(), 561_000, 1.50, 1.55,
                        at("10:09:00"))));
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.decision()).isEqualTo("act");
            assertThat(x.reason()).isNull();
            assertThat(x.limitPrice()).isEqualTo(1.55);
            assertThat(x.trace()).contains("SPY   250312C00561000", "quoted",
                    "at a limit of 1.55 (ask)");
        });
    }

    @Test
    void anOptionsAccountSkipsWithROpt4WithoutAPriceAndROpt2WithoutOneContract()
            throws Exception {
        assertThat(decide(AccountConfig.PAPER)).singleElement()
                .satisfies(x -> assertThat(x.reason()).isEqualTo("R-OPT-4"));
        assertThat(decide(AccountConfig.BACKTEST)).singleElement()
                .satisfies(x -> assertThat(x.reason()).isEqualTo("R-OPT-4"));
        assertThat(decide(AccountConfig.PAPER, AccountInput.of(ACCOUNT,
                quote(DAY.toString(), 561_000, 120, 125, at("10:09:00"))))).singleElement()
                .satisfies(x -> {
                    assertThat(x.reason()).isEqualTo("R-OPT-2");
                    assertThat(x.instrument()).as("the series it would have bought")
                            .isEqualTo("SPY   250312C00561000");
                });
        // a backtest prices with the model from VIX / 100, marked modelled
        assertThat(decide(AccountConfig.BACKTEST, EngineFixtures.vix(at("10:00:00"), 18)))
                .singleElement().satisfies(x -> {
                    assertThat(x.decision()).isEqualTo("act");
                    assertThat(x.trace()).contains("modelled");
                });
    }

    @Test
    void quotesOfOneTimeAreHandledInSeriesOrderWhateverTheirArrival() {
        long ts = at("10:00:00");
        AccountInput put = AccountInput.of(ACCOUNT, new OptionQuote("SPY", "2025-03-12", 560_000,
                "PUT", 1, 1.1, null, null, ts));
        AccountInput call561 = AccountInput.of(ACCOUNT, quote("2025-03-12", 561_000, 1, 1.1, ts));
        AccountInput call560 = AccountInput.of(ACCOUNT, quote("2025-03-12", 560_000, 1, 1.1, ts));
        AccountInput call560Later = AccountInput.of(ACCOUNT, quote("2025-03-12", 560_000, 1.1,
                1.2, ts));
        AccountInput nextWeek = AccountInput.of(ACCOUNT, quote("2025-03-14", 100_000, 1, 1.1,
                ts));
        List<AccountInput> in = new ArrayList<>(List.of(nextWeek, put, call560Later, call561,
                call560));
        in.sort(Account.TIE_ORDER);
        assertThat(in).containsExactly(call560, call560Later, call561, put, nextWeek);
    }

    @Test
    void quotesReachTheEngineInBothModes() throws Exception {
        EngineSettings settings = options();
        List<AccountInput> shares = new ArrayList<>();
        for (int m = 0; m < 30; m++) {
            long ts = at("10:00:00") + m * 60_000L;
            double p = 560 + m * 0.1;
            shares.add(bar("SPY", ts, p, p + 0.2, p - 0.2, p, 1.0));
        }
        shares.add(rec("r1", "SPY", "buy", 0.9, 561.0, at("10:10:00")));
        List<AccountInput> withQuotes = new ArrayList<>(shares);
        for (int m = 0; m < 30; m++) {
            long ts = at("10:00:00") + m * 60_000L;
            withQuotes.add(AccountInput.of(ACCOUNT, quote(DAY.toString(), 561_000, 1.0, 1.05,
                    ts)));
        }
        shares.sort(Comparator.comparingLong(AccountInput::ts));
        withQuotes.sort(Comparator.comparingLong(AccountInput::ts));
        List<AccountOutput> streaming = EngineFixtures.streaming(settings, withQuotes);
        assertThat(EngineFixtures.batch(settings, withQuotes)).isEqualTo(streaming);
        assertThat(streaming).anyMatch(o -> o.decision() != null);
    }
}
