package io.tradeflow.job;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.MarketTick;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.calendar.MarketTime;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes the ticker stage's ticks to their accounts in BATCH, as runs: each account receives one
 * record per run of one ticker's ticks within one market day ({@link AccountInput#TICKS}, at most
 * {@link #MAX_RUN} ticks), stamped with the run's first tick's time, instead of one per tick.
 *
 * <p>Why: in BATCH every record into the account engine is serialized, sorted by account and
 * time, and deserialized; ticks are nearly all of them. In BATCH the ticker stage hands over one
 * ticker's ticks after the other, each in time order, so consecutive ticks of a ticker form runs
 * at no cost. The engine takes a run apart and handles each tick at its own time
 * ({@code EventTimeOrderedFunction#parts}): the decisions are those of single ticks. A run ends at
 * the day's end, so the engine never buffers more than the day's ticks of the account's tickers.
 * STREAMING sends ticks one by one ({@link AccountRouter.Ticks}): a run would wait for its end.
 */
final class TickRuns extends RunOperator<MarketTick, AccountInput> {
    private static final long serialVersionUID = 1L;
    /**
     * The longest run. An account's runs all start at a day's first minute, when the engine
     * receives them, and are read a tick a minute from then on: a day's run of 390 ticks made the
     * engine read each tick from memory made hours of event time before, out of the processor's
     * caches (50 tickers: about 3 MB a day), and a profile put its samples wherever a tick was
     * first touched (the tie sort, the price update). Runs of 16 keep a 50-ticker account's ticks
     * of the next minutes within about 120 kB: the account stage's samples fell 13-18 % against
     * 512, and 8 was no better (more records to frame and sort).
     */
    static final int MAX_RUN = 16;

    private final EngineSettings settings;
    private transient Map<String, List<String>> byTicker;
    /** The open run of each account. */
    private transient Map<String, Run> runs;

    TickRuns(EngineSettings settings) {
        this.settings = settings;
    }

    /** An account's open run: its ticker, market day and ticks. */
    private static final class Run {
        final String ticker;
        final long dayEnd;
        final List<MarketTick> ticks = new ArrayList<>();

        Run(String ticker, long dayEnd) {
            this.ticker = ticker;
            this.dayEnd = dayEnd;
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        byTicker = AccountRouter.index(settings);
        runs = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<MarketTick> element) {
        MarketTick tick = element.getValue();
        List<String> accounts = byTicker.get(tick.ticker());
        if (accounts == null) {
            return;
        }
        // the engine reads a bar and its ATR: the other indicators would only be serialized,
        // sorted and stored for every account
        MarketTick slim = MarketTick.withAtr(tick.bar(), tick.atr());
        for (String account : accounts) {
            Run run = runs.get(account);
            if (run != null && (!run.ticker.equals(tick.ticker()) || tick.ts() >= run.dayEnd
                    || run.ticks.size() == MAX_RUN)) {
                flush(account, run);
                run = null;
            }
            if (run == null) {
                run = new Run(tick.ticker(), MarketTime.dayEnd(tick.ts()));
                runs.put(account, run);
            }
            run.ticks.add(slim);
        }
    }


    @Override
    public void endInput() {
        runs.forEach(this::send);
        runs.clear();
    }

    private void flush(String account, Run run) {
        runs.remove(account);
        send(account, run);
    }

    private void send(String account, Run run) {
        output.collect(new StreamRecord<>(AccountInput.of(account, run.ticks),
                run.ticks.get(0).ts()));
    }
}
