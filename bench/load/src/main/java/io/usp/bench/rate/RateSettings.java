package io.usp.bench.rate;

import io.usp.bench.net.LocalAddresses;
import io.usp.bench.net.Route;
import java.time.Duration;

/**
 * Case 5: {@code workers} loops of connect, one {@code size}-byte round trip through an echo
 * target, close; until {@code duration} is over. Behind a proxy, connecting includes its answer.
 */
public record RateSettings(Route route, int workers, Duration duration, int size, LocalAddresses local) {

    public RateSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("rate --workers must be at least 1, not " + workers);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("rate --seconds must be positive, not " + duration.toSeconds());
        }
        if (size < 1) {
            throw new IllegalArgumentException("rate --size must be at least 1 byte, not " + size);
        }
    }
}
