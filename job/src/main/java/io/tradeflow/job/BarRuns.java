package io.tradeflow.job;

import io.tradeflow.event.Bar;
import io.tradeflow.market.BarRun;
import io.tradeflow.rules.calendar.MarketTime;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups a source's bars in BATCH into runs of one ticker within one market day (at most
 * {@link #MAX_RUN} bars), each sent as one record stamped with its first bar's time.
 *
 * <p>Why: in BATCH every record into the ticker stage is serialized, sorted by ticker and time,
 * and deserialized; a replay is nearly all bars. Runs take that cost once per run. The ticker
 * stage handles each bar of a run at its own time ({@code EventTimeOrderedFunction#parts}), so
 * its outputs are those of single bars. A run's bars are put in time order before it leaves, so a
 * file in any order still makes runs whose first bar is their earliest; runs of one ticker may
 * overlap, and the stage interleaves them by time. The open runs hold at most
 * {@link #MAX_OPEN} bars: beyond, all are sent. STREAMING sends each bar as a run of one.
 */
final class BarRuns extends RunOperator<Bar, BarRun> {
    private static final long serialVersionUID = 1L;
    /** The longest run: a regular session of minute bars is 390. */
    static final int MAX_RUN = 512;
    /** The most bars held in open runs at once. */
    static final int MAX_OPEN = 1 << 18;
    private static final Comparator<Bar> ORDER =
            Comparator.comparingLong(Bar::ts).thenComparing(Bar.CONTENT_ORDER);

    /** Each ticker's open run: its market day and bars. */
    private transient Map<String, Run> runs;
    private transient int open;

    private record Run(LocalDate day, List<Bar> bars) {}

    @Override
    public void open() throws Exception {
        super.open();
        runs = new HashMap<>();
        open = 0;
    }

    @Override
    public void processElement(StreamRecord<Bar> element) {
        Bar bar = element.getValue();
        Run run = runs.get(bar.ticker());
        LocalDate day = MarketTime.date(bar.ts());
        if (run != null && (!run.day().equals(day) || run.bars().size() == MAX_RUN)) {
            runs.remove(bar.ticker());
            send(run);
            run = null;
        }
        if (run == null) {
            run = new Run(day, new ArrayList<>());
            runs.put(bar.ticker(), run);
        }
        run.bars().add(bar);
        if (++open > MAX_OPEN) {
            endInput();
        }
    }


    @Override
    public void endInput() {
        runs.values().forEach(this::send);
        runs.clear();
    }

    private void send(Run run) {
        List<Bar> bars = run.bars();
        open -= bars.size();
        if (!increasing(bars)) { // a file in time order makes runs in time order
            bars.sort(ORDER);
        }
        output.collect(new StreamRecord<>(new BarRun(bars), bars.get(0).ts()));
    }

    /** Whether each bar's time is after the one before: then the bars are in {@code ORDER}. */
    private static boolean increasing(List<Bar> bars) {
        long last = Long.MIN_VALUE;
        for (Bar b : bars) {
            if (b.ts() <= last) {
                return false;
            }
            last = b.ts();
        }
        return true;
    }
}
