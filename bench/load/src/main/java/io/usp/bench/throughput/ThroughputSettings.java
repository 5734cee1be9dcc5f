package io.usp.bench.throughput;

import io.usp.bench.net.Route;
import java.time.Duration;

/**
 * {@code streams} connections to a discard sink, each pushing as fast as the path takes it, for
 * {@code warmup} (not counted) and then {@code duration}.
 */
public record ThroughputSettings(Route target, int streams, Duration duration, Duration warmup) {

    public ThroughputSettings {
        if (streams < 1) {
            throw new IllegalArgumentException("throughput --streams must be at least 1, not " + streams);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("throughput --seconds must be positive, not " + duration.toSeconds());
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("throughput --warmup cannot be negative: " + warmup.toSeconds());
        }
    }
}
