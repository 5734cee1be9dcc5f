package io.usp.server.history;

import io.usp.deployments.store.ConnectionHistory;
import io.usp.deployments.store.ConnectionHistory.ConnectionRecord;
import io.usp.server.config.HistoryConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the connection history off the event loops: rows queue up (bounded, so a flood cannot
 * eat the heap) and go to the store in batches every second; every minute, rows older than the
 * retention and all but the newest {@code maxRows} are pruned, so the history is bounded in size
 * as well as in age. A full queue drops rows and says so in the log; the log line of each
 * connection is written regardless.
 */
public final class HistoryWriter implements Consumer<ConnectionRecord>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    static final int QUEUE = 100_000;
    static final int BATCH = 5_000;

    private final ConnectionHistory history;
    private final HistoryConfig config;
    private final Clock clock;
    private final BlockingQueue<ConnectionRecord> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "usp-history");
        t.setDaemon(true);
        return t;
    });

    public HistoryWriter(ConnectionHistory history, HistoryConfig config, Clock clock) {
        this.history = history;
        this.config = config;
        this.clock = clock;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::flushQuietly, 1, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::pruneQuietly, 0, 1, TimeUnit.MINUTES);
    }

    @Override
    public void accept(ConnectionRecord row) {
        if (!queue.offer(row)) {
            dropped.incrementAndGet();
        }
    }

    /** Writes what is queued now (also used at shutdown and by tests). */
    public synchronized void flush() {
        List<ConnectionRecord> batch = new ArrayList<>(BATCH);
        while (queue.drainTo(batch, BATCH) > 0) {
            history.add(batch);
            batch.clear();
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warn("connection history: {} rows dropped, more than {} were waiting to be written", lost, QUEUE);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("connection history: cannot write to the store, trying again in a second: {}", e.toString());
        }
    }

    /** Deletes rows past the retention and past the row cap (every minute, and by tests). */
    public void prune() {
        int old = history.pruneBefore(clock.instant().minus(config.retention()));
        if (old > 0) {
            LOG.info("connection history: pruned {} rows older than {}", old, config.retention());
        }
        int over = history.pruneToNewest(config.maxRows());
        if (over > 0) {
            LOG.info("connection history: pruned {} rows over history.maxRows ({})", over, config.maxRows());
        }
    }

    private void pruneQuietly() {
        try {
            prune();
        } catch (RuntimeException e) {
            LOG.warn("connection history: pruning failed, trying again in a minute: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        flushQuietly();
    }
}
