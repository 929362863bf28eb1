package io.tradeflow.market;

import io.tradeflow.engine.Deadline;
import io.tradeflow.engine.EventTimeOrderedFunction;
import io.tradeflow.event.Bar;
import io.tradeflow.event.MarketTick;
import io.tradeflow.rules.indicators.WilderAtr;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;

import java.util.Comparator;

/**
 * Enriches each ticker's bars, in event-time order, with the indicators known at the bar's end
 * (Wilder ATR for now). A second bar for a ticker at the same time is a duplicate: the first in
 * content order is used, the others go to {@link #DUPLICATES}.
 */
public final class MarketAnalytics extends EventTimeOrderedFunction<String, Bar, MarketTick> {
    public static final OutputTag<Bar> DUPLICATES =
            new OutputTag<>("duplicate-bars", TypeInformation.of(Bar.class));

    private final int atrPeriod;
    private transient ValueState<WilderAtr> atr;
    private transient ValueState<Long> lastTs;

    public MarketAnalytics(boolean batch, int atrPeriod) {
        super("market", batch, TypeInformation.of(Bar.class));
        this.atrPeriod = atrPeriod;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        atr = getRuntimeContext().getState(
                new ValueStateDescriptor<>("atr", TypeInformation.of(WilderAtr.class)));
        lastTs = getRuntimeContext().getState(new ValueStateDescriptor<>("last-ts", Types.LONG));
    }

    @Override
    protected long timeOf(Bar bar) {
        return bar.ts();
    }

    @Override
    protected Comparator<Bar> eventOrder() {
        return Comparator.comparing(Bar::toString);
    }

    @Override
    protected void onEvent(Bar bar) throws Exception {
        Long last = lastTs.value();
        if (last != null && last == bar.ts()) {
            duplicate(bar);
            return;
        }
        lastTs.update(bar.ts());
        WilderAtr state = atr.value();
        state = (state == null ? WilderAtr.start(atrPeriod) : state)
                .update(bar.high(), bar.low(), bar.close());
        atr.update(state);
        emit(MarketTick.withAtr(bar, state.value()));
    }

    @Override
    protected void onDeadline(Deadline deadline) {
        throw new IllegalStateException("market analytics schedules no deadlines: " + deadline);
    }

    private void duplicate(Bar bar) {
        sideOutput(DUPLICATES, bar);
    }
}
