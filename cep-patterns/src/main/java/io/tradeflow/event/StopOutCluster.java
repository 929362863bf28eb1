package io.tradeflow.event;

import java.util.List;

/**
 * Reports a cluster of stop-outs (R-CB-3): {@code count} (default 3) stop-outs of one account
 * whose first and last are less than the window (default 30 min) apart. The engine pauses entries
 * from {@link #lastTs()} until {@link #pauseUntilTs()} (default 60 min later).
 *
 * @param firstTs event time of the cluster's first stop-out (epoch ms)
 * @param lastTs event time of its last stop-out, which completed it; the pause starts here
 * @param count number of stop-outs in the cluster
 * @param positionIds the stopped-out positions, in time order
 * @param tickers their tickers, in the same order
 * @param pauseUntilTs when the entry pause ends by itself: {@code lastTs + pause}
 */
public record StopOutCluster(long firstTs, long lastTs, int count, List<String> positionIds,
        List<String> tickers, long pauseUntilTs) {

    public StopOutCluster {
        positionIds = List.copyOf(positionIds);
        tickers = List.copyOf(tickers);
    }
}
