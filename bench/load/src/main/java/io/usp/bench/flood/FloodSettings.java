package io.usp.bench.flood;

import io.usp.bench.net.Endpoint;
import java.net.InetAddress;
import java.time.Duration;

/**
 * Issue 11 item 4: {@code workers} loops connect from {@code floodFrom} to a listener whose IP
 * filter refuses that address, each waiting for the server to close before the next connect
 * (so TIME_WAIT stays on the server side), for {@code duration} or {@code maxConnects}, whichever
 * comes first; meanwhile sequential {@code size}-byte round trips through {@code echo}, another
 * deployment, are recorded. {@code warmup} round trips come first, before the flood starts.
 * {@code maxConnects} 0 is the baseline: round trips alone for {@code duration}.
 */
public record FloodSettings(Endpoint blocked, InetAddress floodFrom, int workers, Duration duration,
                            long maxConnects, Endpoint echo, int size, int warmup) {

    public FloodSettings {
        if (!floodFrom.isLoopbackAddress() || !blocked.resolve().getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("flood runs on loopback only: --from " + floodFrom.getHostAddress()
                    + " and --blocked " + blocked + " must both be loopback addresses");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("flood --workers must be at least 1, not " + workers);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("flood --seconds must be positive, not " + duration.toSeconds());
        }
        if (maxConnects < 0) {
            throw new IllegalArgumentException("flood --max-connects cannot be negative: " + maxConnects);
        }
        if (size < 1) {
            throw new IllegalArgumentException("flood --size must be at least 1 byte, not " + size);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("flood --warmup cannot be negative: " + warmup);
        }
    }
}
