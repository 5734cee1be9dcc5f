package io.usp.bench.idle;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Starts tasks 0..n-1 at most {@code perSecond} a second with at most {@code maxInFlight}
 * unfinished, so that opening thousands of connections is a steady stream, not a SYN flood that
 * overflows the listen backlogs on the way. Its state lives on one executor.
 */
final class Pacer {

    private static final long TICK_MILLIS = 10;

    private final EventExecutor loop;
    private final int perSecond;
    private final int maxInFlight;
    private int total;
    private IntFunction<Future<?>> task;
    private int started;
    private int inFlight;
    private int finished;
    private long startedAt;
    private Promise<Void> done;
    private ScheduledFuture<?> ticks;

    Pacer(EventExecutor loop, int perSecond, int maxInFlight) {
        this.loop = loop;
        this.perSecond = perSecond;
        this.maxInFlight = maxInFlight;
    }

    /** Completes when every task's future has completed, successfully or not. */
    Future<Void> run(int total, IntFunction<Future<?>> task) {
        this.total = total;
        this.task = task;
        done = loop.newPromise();
        loop.execute(() -> {
            startedAt = System.nanoTime();
            if (total == 0) {
                done.setSuccess(null);
            } else {
                ticks = loop.scheduleAtFixedRate(this::startDue, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
        return done;
    }

    private void startDue() {
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        long due = (long) Math.min(total, Math.floor(seconds * perSecond) + 1.0);
        while (started < due && inFlight < maxInFlight) {
            int i = started++;
            inFlight++;
            Future<?> step;
            try {
                step = task.apply(i);
            } catch (RuntimeException e) {
                step = loop.newFailedFuture(e);
            }
            step.addListener(f -> loop.execute(this::finishedOne));
        }
        if (started == total) {
            ticks.cancel(false);
        }
    }

    private void finishedOne() {
        inFlight--;
        finished++;
        if (finished == total) {
            done.setSuccess(null);
        } else if (started < total) {
            startDue();
        }
    }
}
