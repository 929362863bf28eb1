package io.tradeflow.job;

import io.tradeflow.ordering.CachedStateOperator;
import io.tradeflow.ordering.EventTimeOrderedFunction;

import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Runs the ticker stage and never reports it idle downstream, so the account engine's watermark
 * cannot pass the ticks the stage still holds back.
 *
 * <p>The stage holds each ticker's bars until the watermark has passed them (to emit them in
 * event-time order). When every input has turned idle, Flink would report the stage idle too, and
 * the account engine would leave it out of its watermark. The first input to resume (a VIX quote,
 * a control command) then reaches the engine twice: through the ticker stage, after the held-back
 * ticks, and along the shorter route of the other inputs, which is taken out of the idle ticks'
 * way and moves the engine's watermark past them first; the ticks then arrive late and would be
 * dead letters. Staying active, the stage holds the engine at its own watermark, which still moves
 * with whichever input is active: every source's bar output, empty or not, feeds the stage.
 */
final class TickerStageOperator<K, I, O> extends CachedStateOperator<K, I, O> {
    private static final long serialVersionUID = 1L;

    TickerStageOperator(EventTimeOrderedFunction<K, I, ?, O> function) {
        super(function);
    }

    /** Reports nothing: downstream, the stage is always active (it starts so). */
    @Override
    public void processWatermarkStatus(WatermarkStatus status) {}
}
