package io.tradeflow.demo;

import org.apache.flink.runtime.minicluster.MiniCluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The running services, closed once, in reverse start order. */
final class Services {
    final Path runDir;
    final CountDownLatch stop = new CountDownLatch(1);
    volatile EmbeddedPostgres pg;
    volatile EmbeddedKafka kafka;
    volatile MiniCluster flink;
    private boolean closed;

    Services(Path runDir) {
        this.runDir = runDir;
    }

    synchronized void close() throws Exception {
        stop.countDown();
        if (closed) {
            return;
        }
        closed = true;
        Exception failure = null;
        if (flink != null) {
            try {
                flink.closeAsync().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                failure = e;
            }
        }
        if (kafka != null) {
            try {
                kafka.close();
            } catch (Exception e) {
                failure = add(failure, e);
            }
        }
        if (pg != null) {
            try {
                pg.close();
            } catch (Exception e) {
                failure = add(failure, e);
            }
        }
        try {
            deleteRecursively(runDir);
        } catch (UncheckedIOException | IOException e) {
            failure = add(failure, e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    void closeQuietly() {
        try {
            close();
        } catch (Exception ignored) {
            // the JVM is going away
        }
    }

    private static Exception add(Exception first, Exception next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
