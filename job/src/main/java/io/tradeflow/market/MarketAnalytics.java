package io.tradeflow.market;

import io.tradeflow.cep.RapidMovePattern;
import io.tradeflow.cep.RapidMoveScreen;
import io.tradeflow.event.Bar;
import io.tradeflow.event.DataGap;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.Signal;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.indicators.IndicatorParams;
import io.tradeflow.rules.indicators.TickerIndicators;
import io.tradeflow.rules.signals.SignalDetector;
import io.tradeflow.rules.signals.SignalParams;
import io.tradeflow.ordering.EventTimeOrderedFunction;
import io.tradeflow.ordering.Deadline;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

import java.util.Comparator;
import java.util.List;

/**
 * Enriches each ticker's bars, in event-time order, with the indicators known at the bar's end
 * ({@link TickerIndicators}: ATR, RSI, EMAs, MACD, session VWAP, relative volume, opening range,
 * pivots) and runs the strategy signals over them (R-SIG-2, R-SIG-3), emitted to
 * {@link #SIGNALS}. It screens the bars for rapid moves ({@link RapidMoveScreen}): for each move,
 * its start bar and its completing bar go to {@link #RAPID_MOVE_BARS}, the only bars the RapidMove
 * CEP operator sees. A second bar for a ticker at the same time is a duplicate: the first in content
 * order is used, the others go to {@link #DUPLICATES}.
 */
public final class MarketAnalytics
        extends EventTimeOrderedFunction<String, BarRun, Bar, MarketTick> {
    public static final OutputTag<Bar> DUPLICATES =
            new OutputTag<>("duplicate-bars", TypeInformation.of(Bar.class));
    public static final OutputTag<Signal> SIGNALS =
            new OutputTag<>("signals", TypeInformation.of(Signal.class));
    /** Each rapid move's start bar, then its completing bar, at the completing bar's call. */
    public static final OutputTag<Bar> RAPID_MOVE_BARS =
            new OutputTag<>("rapid-move-bars", TypeInformation.of(Bar.class));
    /** Holes in a ticker's bars (R-BT-1), at the bar after each. */
    public static final OutputTag<DataGap> DATA_GAPS =
            new OutputTag<>("data-gaps", TypeInformation.of(DataGap.class));
    private static final long MOVE_WINDOW = RapidMovePattern.DEFAULT_WINDOW.toMillis();

    private final IndicatorParams indicatorParams;
    private final SignalParams signalParams;
    private final TradingCalendar calendar;
    private transient ValueState<TickerIndicators> indicators;
    private transient ValueState<SignalDetector> signals;
    private transient ValueState<RapidMoveScreen> moves;
    /** The ticker's bar interval: the shortest step between two bars of one day seen. */
    private transient ValueState<Long> interval;

    public MarketAnalytics(boolean batch, IndicatorParams indicators, SignalParams signals,
            TradingCalendar calendar) {
        super("market", batch, TypeInformation.of(Bar.class));
        this.indicatorParams = indicators;
        this.signalParams = signals;
        this.calendar = calendar;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        indicators = states().value(new ValueStateDescriptor<>(
                "indicators", TypeInformation.of(TickerIndicators.class)));
        signals = states().value(new ValueStateDescriptor<>(
                "signals", TypeInformation.of(SignalDetector.class)));
        moves = states().value(new ValueStateDescriptor<>(
                "rapid-move-screen", TypeInformation.of(RapidMoveScreen.class)));
        interval = states().value(new ValueStateDescriptor<>(
                "bar-interval", TypeInformation.of(Long.class)));
    }

    /** A run of bars (BATCH) is handled bar by bar, each at its own time. */
    @Override
    protected List<Bar> parts(BarRun run) {
        return run.bars();
    }

    @Override
    protected long timeOf(Bar bar) {
        return bar.ts();
    }

    @Override
    protected Comparator<Bar> eventOrder() {
        return Bar.CONTENT_ORDER;
    }

    @Override
    protected void onEvent(Bar bar) throws Exception {
        TickerIndicators state = indicators.value();
        if (state != null && state.ts() == bar.ts()) {
            sideOutput(DUPLICATES, bar);
            return;
        }
        if (state != null) {
            gaps(state.ts(), bar);
        }
        state = (state == null ? TickerIndicators.start(indicatorParams) : state)
                .update(bar, calendar);
        indicators.update(state);
        var snapshot = state.snapshot();
        emit(new MarketTick(bar, snapshot));
        screen(bar);
        SignalDetector detector = signals.value();
        // the configuration travels with the state: a restore applies the current one
        detector = detector == null ? SignalDetector.initial(signalParams)
                : detector.withParams(signalParams);
        SignalDetector.Step step = detector.update(bar, snapshot);
        signals.update(step.next());
        for (Signal s : step.signals()) {
            sideOutput(SIGNALS, s);
        }
    }

    /**
     * Reports the hole between the ticker's previous bar and this one: trading days without a bar,
     * or regular-session bars missing within a day (steps longer than the ticker's interval).
     */
    private void gaps(long previous, Bar bar) throws Exception {
        java.time.LocalDate before = MarketTime.date(previous);
        java.time.LocalDate date = MarketTime.date(bar.ts());
        if (!before.equals(date)) {
            int days = calendar.covers(before) && calendar.covers(date)
                    ? calendar.tradingDaysBetween(before, date) - 1 : 0;
            if (days > 0 && calendar.isTradingDay(date)) {
                sideOutput(DATA_GAPS, gap(bar.ticker(), DataGap.SESSIONS, previous, bar.ts(),
                        days));
            }
            return;
        }
        if (!calendar.isRegularSession(previous) || !calendar.isRegularSession(bar.ts())) {
            return;
        }
        long step = bar.ts() - previous;
        Long known = interval.value();
        if (known == null || step < known) {
            interval.update(step);
        } else if (step > known) {
            sideOutput(DATA_GAPS, gap(bar.ticker(), DataGap.BARS, previous, bar.ts(),
                    step / known - 1));
        }
    }

    private static DataGap gap(String ticker, String kind, long from, long to, long missing) {
        return new DataGap(ticker + ":" + kind + "@" + MarketTime.iso(from), ticker, kind, from,
                to, missing);
    }

    private void screen(Bar bar) throws Exception {
        RapidMoveScreen screen = moves.value();
        screen = screen == null ? new RapidMoveScreen() : screen;
        Bar start = screen.offer(bar, RapidMovePattern.DEFAULT_THRESHOLD, MOVE_WINDOW);
        moves.update(screen);
        if (start != null) {
            sideOutput(RAPID_MOVE_BARS, start);
            sideOutput(RAPID_MOVE_BARS, bar);
        }
    }

    @Override
    protected void onDeadline(Deadline deadline) {
        throw new IllegalStateException("market analytics schedules no deadlines: " + deadline);
    }
}
