package io.usp.bench.idle;

import io.usp.bench.net.Endpoint;
import io.usp.bench.net.LocalAddresses;
import java.time.Duration;
import java.util.List;

/**
 * Case 6: {@code count} connections to an echo target, opened at most {@code connectRate} a
 * second, each proven with a round trip, held idle for {@code hold}, proven again; the memory of
 * {@code pids} (the relay's processes) is read before and after.
 */
public record IdleSettings(Endpoint target, int count, Duration hold, List<Long> pids, LocalAddresses local,
                           int connectRate) {

    public IdleSettings {
        if (count < 1) {
            throw new IllegalArgumentException("idle --count must be at least 1, not " + count);
        }
        if (hold.isNegative()) {
            throw new IllegalArgumentException("idle --hold cannot be negative: " + hold.toSeconds());
        }
        if (connectRate < 1) {
            throw new IllegalArgumentException("idle --connect-rate must be at least 1 a second, not " + connectRate);
        }
        pids = List.copyOf(pids);
    }
}
