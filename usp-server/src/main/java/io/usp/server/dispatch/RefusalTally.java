package io.usp.server.dispatch;

import io.usp.deployments.store.ConnectionHistory.ConnectionRecord;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sums refusals per deployment, partner address and reason, so that a flood of refused partners
 * costs a log line and a history row per interval instead of one per connection. The first
 * refusal of a run is logged and recorded at once (with its port); the ones after it are counted
 * on the event loop (no I/O, no lock but the map's) and written as one line and one row with
 * their count at the end of each interval. A run ends after an interval without a refusal. Past
 * {@link #MAX_RUNS} runs at once, new addresses are summed under the partner {@code *}.
 */
public final class RefusalTally implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalTally.class);
    /** Bounds the map, the lines and the rows of an interval, whatever the number of addresses. */
    static final int MAX_RUNS = 1_000;
    static final String OTHER_ADDRESSES = "*";

    private record Key(String deployment, String address, int rule, Refusal reason) {
    }

    /** Mutated only inside the map's compute functions. */
    private static final class Run {
        final Optional<String> target;
        long repeats;
        Instant last;
        String detail;

        Run(Optional<String> target) {
            this.target = target;
        }
    }

    private record Repeats(Key key, Optional<String> target, long count, Instant last, String detail) {
    }

    private final Consumer<ConnectionRecord> history;
    private final Clock clock;
    private final Duration interval;
    private final Map<Key, Run> runs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "usp-refusals");
        t.setDaemon(true);
        return t;
    });

    public RefusalTally(Consumer<ConnectionRecord> history, Clock clock, Duration interval) {
        this.history = history;
        this.clock = clock;
        this.interval = interval;
    }

    public void start() {
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** {@code rule}: the collection rule that decided, 0 for none; runs are summed per rule too. */
    public void refused(String deployment, SocketAddress partner, Optional<String> target, int rule, Refusal reason,
                        String detail) {
        Key key = new Key(deployment, Addresses.host(partner), rule, reason);
        if (runs.size() >= MAX_RUNS && !runs.containsKey(key)) {
            key = new Key(deployment, OTHER_ADDRESSES, rule, reason);
        }
        Instant now = clock.instant();
        boolean[] first = new boolean[1];
        runs.compute(key, (k, run) -> {
            if (run == null) {
                first[0] = true;
                return new Run(target);
            }
            run.repeats++;
            run.last = now;
            run.detail = detail;
            return run;
        });
        if (first[0]) {
            ConnectionLog.refused(deployment, partner, rule, reason, detail);
            history.accept(new ConnectionRecord(0, now, deployment, Addresses.text(partner), target,
                    Optional.empty(), reason.label(), Optional.of(detail), 0, 0, 0, 1, rule));
        }
    }

    /** Writes the refusals counted since the last flush and ends the runs that had none (timer, close, tests). */
    public void flush() {
        List<Repeats> due = new ArrayList<>();
        for (Key key : List.copyOf(runs.keySet())) {
            runs.computeIfPresent(key, (k, run) -> {
                if (run.repeats == 0) {
                    return null;
                }
                due.add(new Repeats(k, run.target, run.repeats, run.last, run.detail));
                run.repeats = 0;
                return run;
            });
        }
        for (Repeats r : due) {
            Key k = r.key();
            ConnectionLog.refusedRepeats(k.deployment(), k.address(), k.rule(), k.reason(), r.count(), r.detail());
            history.accept(new ConnectionRecord(0, r.last(), k.deployment(), k.address(), r.target(),
                    Optional.empty(), k.reason().label(), Optional.of(r.detail()), 0, 0, 0, r.count(), k.rule()));
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) { // a failing log appender must not stop the timer
            LOG.warn("refusal summary failed, trying again in {}: {}", interval, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        flushQuietly();
    }
}
