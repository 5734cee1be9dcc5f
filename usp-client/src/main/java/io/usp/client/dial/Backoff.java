package io.usp.client.dial;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: exponential from {@code min}, capped at {@code max}, each with full jitter in
 * its upper half so many clients restarting together do not dial in lockstep.
 */
final class Backoff {

    private final Duration min;
    private final Duration max;
    private int failures;

    Backoff(Duration min, Duration max) {
        this.min = min;
        this.max = max;
    }

    Duration next() {
        long ceiling = max.toMillis();
        long base = Math.min(ceiling, min.toMillis() << Math.min(failures, 20));
        failures++;
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }

    /** After a healthy connection the next failure starts from {@code min} again. */
    void reset() {
        failures = 0;
    }
}
