package io.usp.bench.rate;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.usp.bench.exchange.EchoClient;
import io.usp.bench.exchange.EchoExchange;
import io.usp.bench.net.LocalAddresses;
import io.usp.bench.report.Errors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** One loop of case 5, driven by its own completions on the event loops: no thread waits. */
final class RateWorker {

    /** After a failure, so that a refused port does not become a busy loop. */
    private static final long PAUSE_AFTER_ERROR_MILLIS = 10;

    private final EchoClient client;
    private final LocalAddresses local;
    private final int size;
    private final long deadline;
    private final EventExecutor timer;
    private final LongAdder completed;
    private final Errors errors;
    private final CountDownLatch finished;

    RateWorker(EchoClient client, RateSettings settings, long deadline, EventExecutor timer,
               LongAdder completed, Errors errors, CountDownLatch finished) {
        this.client = client;
        this.local = settings.local();
        this.size = settings.size();
        this.deadline = deadline;
        this.timer = timer;
        this.completed = completed;
        this.errors = errors;
        this.finished = finished;
    }

    void cycle() {
        if (System.nanoTime() - deadline >= 0) {
            finished.countDown();
            return;
        }
        client.connect(local.next()).addListener((Future<EchoExchange> connect) -> {
            if (!connect.isSuccess()) {
                failed(connect.cause());
                return;
            }
            EchoExchange exchange = connect.getNow();
            byte[] payload = new byte[size];
            ThreadLocalRandom.current().nextBytes(payload);
            exchange.send(payload).addListener((Future<Long> trip) -> {
                if (trip.isSuccess()) {
                    exchange.channel().close().addListener(closed -> {
                        completed.increment();
                        cycle();
                    });
                } else {
                    exchange.channel().close();
                    failed(trip.cause());
                }
            });
        });
    }

    private void failed(Throwable cause) {
        errors.record(cause);
        timer.schedule(this::cycle, PAUSE_AFTER_ERROR_MILLIS, TimeUnit.MILLISECONDS);
    }
}
