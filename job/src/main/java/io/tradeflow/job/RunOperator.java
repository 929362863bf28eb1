package io.tradeflow.job;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * What BATCH's run makers ({@link BarRuns}, {@link TickRuns}) share: they hold open runs and send
 * every one of them when the input ends, before the final watermark passes on.
 */
abstract class RunOperator<I, O> extends AbstractStreamOperator<O>
        implements OneInputStreamOperator<I, O>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    @Override
    public final void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            endInput();
        }
        super.processWatermark(mark);
    }

    /** Sends every open run. */
    @Override
    public abstract void endInput();
}
