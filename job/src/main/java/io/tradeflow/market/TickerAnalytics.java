package io.tradeflow.market;

import io.tradeflow.cep.RapidMovePattern;
import io.tradeflow.cep.RapidMoveScreen;
import io.tradeflow.event.Bar;
import io.tradeflow.event.DataGap;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.Signal;
import io.tradeflow.ordering.Cell;
import io.tradeflow.ordering.HeapStateStore;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.indicators.IndicatorParams;
import io.tradeflow.rules.indicators.TickerIndicators;
import io.tradeflow.rules.signals.SignalDetector;
import io.tradeflow.rules.signals.SignalParams;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * The ticker stage's work on one bar, without Flink: the indicators known at the bar's end, the
 * strategy signals over them, the rapid-move screen and the holes in the ticker's bars. {@link
 * MarketAnalytics} runs it over Flink keyed state in the job; a plain loop runs it over plain
 * fields ({@link State#plain}: the bench's plain pipeline), so both do the same work with the
 * same classes.
 */
public final class TickerAnalytics implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long MOVE_WINDOW = RapidMovePattern.DEFAULT_WINDOW.toMillis();

    private final IndicatorParams indicatorParams;
    private final SignalParams signalParams;
    private final TradingCalendar calendar;

    public TickerAnalytics(IndicatorParams indicators, SignalParams signals,
            TradingCalendar calendar) {
        this.indicatorParams = indicators;
        this.signalParams = signals;
        this.calendar = calendar;
    }

    /**
     * One ticker's state, each part a cell of its own: Flink keeps four value states ({@link
     * io.tradeflow.ordering.KeyedStates#cell}), a plain loop four fields ({@link #plain}).
     *
     * @param interval the ticker's bar interval: the shortest step between two bars of one day
     *     seen
     */
    public record State(Cell<TickerIndicators> indicators, Cell<SignalDetector> signals,
            Cell<RapidMoveScreen> moves, Cell<Long> interval) {
        /** Returns a ticker's state in plain fields. */
        public static State plain() {
            return new State(new HeapStateStore.Value<>(), new HeapStateStore.Value<>(),
                    new HeapStateStore.Value<>(), new HeapStateStore.Value<>());
        }
    }

    /** Where a bar's results go. */
    public interface Out {
        void tick(MarketTick tick);

        /** A second bar for the ticker at the same time: the first in content order is used. */
        void duplicate(Bar bar);

        void signal(Signal signal);

        /** A rapid move: its start bar and its completing bar, at the completing bar. */
        void rapidMove(Bar start, Bar end);

        void gap(DataGap gap);
    }

    /** Handles the ticker's next bar (in time order; at one time, in content order). */
    public void onBar(Bar bar, State st, Out out) {
        TickerIndicators state = st.indicators().get();
        if (state != null && state.ts() == bar.ts()) {
            out.duplicate(bar);
            return;
        }
        if (state != null) {
            gaps(state.ts(), bar, st, out);
        }
        state = (state == null ? TickerIndicators.start(indicatorParams) : state)
                .update(bar, calendar);
        st.indicators().set(state);
        var snapshot = state.snapshot();
        out.tick(new MarketTick(bar, snapshot));
        screen(bar, st, out);
        SignalDetector detector = st.signals().get();
        // the configuration travels with the state: a restore applies the current one
        detector = detector == null ? SignalDetector.initial(signalParams)
                : detector.withParams(signalParams);
        SignalDetector.Step step = detector.update(bar, snapshot);
        st.signals().set(step.next());
        for (Signal s : step.signals()) {
            out.signal(s);
        }
    }

    /**
     * Reports the hole between the ticker's previous bar and this one: trading days without a bar,
     * or regular-session bars missing within a day (steps longer than the ticker's interval).
     */
    private void gaps(long previous, Bar bar, State st, Out out) {
        LocalDate before = MarketTime.date(previous);
        LocalDate date = MarketTime.date(bar.ts());
        if (!before.equals(date)) {
            int days = calendar.covers(before) && calendar.covers(date)
                    ? calendar.tradingDaysBetween(before, date) - 1 : 0;
            if (days > 0 && calendar.isTradingDay(date)) {
                out.gap(gap(bar.ticker(), DataGap.SESSIONS, previous, bar.ts(), days));
            }
            return;
        }
        if (!calendar.isRegularSession(previous) || !calendar.isRegularSession(bar.ts())) {
            return;
        }
        long step = bar.ts() - previous;
        Long known = st.interval().get();
        if (known == null || step < known) {
            st.interval().set(step);
        } else if (step > known) {
            out.gap(gap(bar.ticker(), DataGap.BARS, previous, bar.ts(), step / known - 1));
        }
    }

    private static DataGap gap(String ticker, String kind, long from, long to, long missing) {
        return new DataGap(ticker + ":" + kind + "@" + MarketTime.iso(from), ticker, kind, from,
                to, missing);
    }

    private static void screen(Bar bar, State st, Out out) {
        RapidMoveScreen screen = st.moves().get();
        screen = screen == null ? new RapidMoveScreen() : screen;
        Bar start = screen.offer(bar, RapidMovePattern.DEFAULT_THRESHOLD, MOVE_WINDOW);
        st.moves().set(screen);
        if (start != null) {
            out.rapidMove(start, bar);
        }
    }
}
