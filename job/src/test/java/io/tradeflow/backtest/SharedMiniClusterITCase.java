package io.tradeflow.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.runtime.minicluster.MiniCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The command line closes the shared cluster as soon as its backtest has ended: only when no
 * other live thread uses it, and a later backtest starts a new one.
 */
class SharedMiniClusterITCase {

    @Test
    void closesOnlyWhenTheCallerIsItsOneUser() throws Exception {
        CountDownLatch using = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<MiniCluster> seen = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                seen.set(SharedMiniCluster.cluster());
                using.countDown();
                done.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "another-user");
        other.start();
        using.await();
        MiniCluster shared = SharedMiniCluster.cluster();
        assertThat(seen.get()).isSameAs(shared);

        SharedMiniCluster.closeInBackground(); // the other thread still uses it
        assertThat(SharedMiniCluster.cluster()).isSameAs(shared);
        assertThat(shared.isRunning()).isTrue();

        done.countDown();
        other.join();
        SharedMiniCluster.closeInBackground(); // now this thread is its one live user
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (shared.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(shared.isRunning()).isFalse();
        assertThat(SharedMiniCluster.cluster()).isNotSameAs(shared);
    }
}
