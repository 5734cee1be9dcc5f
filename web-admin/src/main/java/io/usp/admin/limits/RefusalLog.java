package io.usp.admin.limits;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a refusal once per source address, reason and interval, with how many went unlogged
 * before, so that an attacker opening thousands of connections writes a handful of lines.
 */
public final class RefusalLog {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);
    public static final Duration INTERVAL = Duration.ofMinutes(1);
    /** Past this many tracked addresses, those whose interval is over are forgotten. */
    private static final int TRACKED = 10_000;

    private final Clock clock;
    private final ConcurrentHashMap<Key, Window> windows = new ConcurrentHashMap<>();

    public RefusalLog(Clock clock) {
        this.clock = clock;
    }

    public void refused(InetAddress address, Refusal reason) {
        Instant now = clock.instant();
        if (windows.size() > TRACKED) {
            windows.values().removeIf(w -> w.isOver(now));
        }
        Window window = windows.compute(new Key(address, reason),
                (key, old) -> old == null ? new Window(now, 1, 0)
                        : old.isOver(now) ? new Window(now, 1, old.count() - 1) : old.plusOne());
        if (window.count() == 1) {
            LOG.warn("admin server: closed a connection from {}: {}{}; at most one such line per address every {}",
                    address.getHostAddress(), reason.text(),
                    window.unlogged() == 0 ? "" : " (" + window.unlogged() + " more since the last line)",
                    INTERVAL);
        }
    }

    private record Key(InetAddress address, Refusal reason) {
    }

    /** Refusals since {@code start}; {@code unlogged}: those of the window before that went unlogged. */
    private record Window(Instant start, int count, int unlogged) {

        boolean isOver(Instant now) {
            return !now.isBefore(start.plus(INTERVAL));
        }

        Window plusOne() {
            return new Window(start, count + 1, unlogged);
        }
    }
}
