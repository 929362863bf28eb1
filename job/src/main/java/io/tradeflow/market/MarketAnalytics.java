package io.tradeflow.market;

import io.tradeflow.cep.RapidMoveScreen;
import io.tradeflow.event.Bar;
import io.tradeflow.event.DataGap;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.Signal;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.indicators.IndicatorParams;
import io.tradeflow.rules.indicators.TickerIndicators;
import io.tradeflow.rules.signals.SignalDetector;
import io.tradeflow.rules.signals.SignalParams;
import io.tradeflow.ordering.EventTimeOrderedFunction;
import io.tradeflow.ordering.Deadline;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

import java.util.Comparator;
import java.util.List;

/**
 * Runs {@link TickerAnalytics} over each ticker's bars in event-time order, its state in Flink
 * keyed state (a value state for each part). It enriches each bar with the indicators known at
 * the bar's end ({@link TickerIndicators}: ATR, RSI, EMAs, MACD, session VWAP, relative volume,
 * opening range, pivots) and runs the strategy signals over them (R-SIG-2, R-SIG-3), emitted to
 * {@link #SIGNALS}. It screens the bars for rapid moves ({@link RapidMoveScreen}): for each move,
 * its start bar and its completing bar go to {@link #RAPID_MOVE_BARS}, the only bars the
 * RapidMove CEP operator sees. A second bar for a ticker at the same time is a duplicate: the
 * first in content order is used, the others go to {@link #DUPLICATES}.
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

    private final TickerAnalytics analytics;
    private transient TickerAnalytics.State state;
    private transient TickerAnalytics.Out out;

    public MarketAnalytics(boolean batch, IndicatorParams indicators, SignalParams signals,
            TradingCalendar calendar) {
        super("market", batch, TypeInformation.of(Bar.class));
        this.analytics = new TickerAnalytics(indicators, signals, calendar);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        state = new TickerAnalytics.State(
                states().cell(new ValueStateDescriptor<>(
                        "indicators", TypeInformation.of(TickerIndicators.class))),
                states().cell(new ValueStateDescriptor<>(
                        "signals", TypeInformation.of(SignalDetector.class))),
                states().cell(new ValueStateDescriptor<>(
                        "rapid-move-screen", TypeInformation.of(RapidMoveScreen.class))),
                states().cell(new ValueStateDescriptor<>(
                        "bar-interval", TypeInformation.of(Long.class))));
        out = new Outputs();
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
    protected void onEvent(Bar bar) {
        analytics.onBar(bar, state, out);
    }

    /** The stage's outputs: ticks downstream, everything else to its side output. */
    private final class Outputs implements TickerAnalytics.Out {
        @Override
        public void tick(MarketTick tick) {
            emit(tick);
        }

        @Override
        public void duplicate(Bar bar) {
            sideOutput(DUPLICATES, bar);
        }

        @Override
        public void signal(Signal signal) {
            sideOutput(SIGNALS, signal);
        }

        @Override
        public void rapidMove(Bar start, Bar end) {
            sideOutput(RAPID_MOVE_BARS, start);
            sideOutput(RAPID_MOVE_BARS, end);
        }

        @Override
        public void gap(DataGap gap) {
            sideOutput(DATA_GAPS, gap);
        }
    }

    @Override
    protected void onDeadline(Deadline deadline) {
        throw new IllegalStateException("market analytics schedules no deadlines: " + deadline);
    }
}
