package io.usp.admin.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} failed logins for one username from one
 * address within {@link #WINDOW}, further attempts are refused until the oldest failure leaves
 * the window. Keyed by username and address, so a guesser elsewhere cannot lock an admin out.
 */
final class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Map<String, List<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long to wait before trying again; empty when an attempt is allowed now. */
    Optional<Duration> waitBeforeNext(String username, String address) {
        Instant now = clock.instant();
        List<Instant> recent = failures.computeIfPresent(key(username, address), (k, list) -> pruned(list, now));
        if (recent == null || recent.size() < MAX_FAILURES) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, recent.get(0).plus(WINDOW)));
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        failures.compute(key(username, address), (k, list) -> {
            List<Instant> kept = list == null ? null : pruned(list, now);
            List<Instant> next = kept == null ? new ArrayList<>() : kept;
            next.add(now);
            return next;
        });
        // addresses that stopped trying would otherwise stay forever
        failures.entrySet().removeIf(e -> e.getValue().stream().noneMatch(at -> at.plus(WINDOW).isAfter(now)));
    }

    void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    private static List<Instant> pruned(List<Instant> list, Instant now) {
        List<Instant> kept = new ArrayList<>();
        for (Instant at : list) {
            if (at.plus(WINDOW).isAfter(now)) {
                kept.add(at);
            }
        }
        return kept.isEmpty() ? null : kept;
    }

    private static String key(String username, String address) {
        return username.toLowerCase(Locale.ROOT) + "|" + address;
    }
}
