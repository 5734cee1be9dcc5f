package io.usp.admin.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing two ways: {@link #MAX_FAILURES} failed logins from one address, or for
 * one username, within {@link #WINDOW} lock that address, or that username, for {@link #LOCKOUT}.
 * The address lock stops one host trying many names; the username lock stops many hosts trying
 * one name. A successful login forgives only the failures of that username from that address
 * (an admin's own typos), never a lock or another address's failures. Unknown usernames are
 * counted exactly like known ones, so a lock tells nothing about which names exist. Admin
 * logins and partner credentials each keep their own, so partners cannot lock out an admin.
 */
public final class LoginThrottle {

    public static final int MAX_FAILURES = 10;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration LOCKOUT = Duration.ofMinutes(15);

    /** What a lock is on. */
    public enum Scope {
        ADDRESS,
        USERNAME
    }

    /** A lock on one address or one username until {@code until}. */
    public record Lock(Scope scope, String subject, Instant until) {
    }

    private record Failure(Instant at, String username, String address) {
    }

    private final Clock clock;
    // guarded by this; a few entries per address or name at most, pruned on every call
    private final Map<String, List<Failure>> byAddress = new HashMap<>();
    private final Map<String, List<Failure>> byUsername = new HashMap<>();
    private final Map<String, Instant> lockedAddresses = new HashMap<>();
    private final Map<String, Instant> lockedUsernames = new HashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** The lock that refuses an attempt now (the address's first), if any. */
    public synchronized Optional<Lock> lockOn(String username, String address) {
        Instant now = clock.instant();
        prune(now);
        Instant addressUntil = lockedAddresses.get(address);
        if (addressUntil != null) {
            return Optional.of(new Lock(Scope.ADDRESS, address, addressUntil));
        }
        Instant nameUntil = lockedUsernames.get(key(username));
        return nameUntil == null ? Optional.empty() : Optional.of(new Lock(Scope.USERNAME, key(username), nameUntil));
    }

    /** Counts a failed login; returns the locks it starts (none, or the address's and/or the username's). */
    public synchronized List<Lock> failed(String username, String address) {
        Instant now = clock.instant();
        prune(now);
        Failure failure = new Failure(now, key(username), address);
        List<Lock> started = new ArrayList<>();
        count(byAddress, lockedAddresses, address, failure, Scope.ADDRESS, started);
        count(byUsername, lockedUsernames, key(username), failure, Scope.USERNAME, started);
        return started;
    }

    /** Forgets the failures of this username from this address; locks and other failures stay. */
    public synchronized void succeeded(String username, String address) {
        String name = key(username);
        removeIf(byAddress, address, f -> f.username().equals(name));
        removeIf(byUsername, name, f -> f.address().equals(address));
    }

    private void count(Map<String, List<Failure>> failures, Map<String, Instant> locks, String subject,
                       Failure failure, Scope scope, List<Lock> started) {
        List<Failure> list = failures.computeIfAbsent(subject, s -> new ArrayList<>());
        list.add(failure);
        if (list.size() >= MAX_FAILURES) {
            Instant until = failure.at().plus(LOCKOUT);
            locks.put(subject, until);
            failures.remove(subject); // after the lock, a fresh count
            started.add(new Lock(scope, subject, until));
        }
    }

    private void prune(Instant now) {
        for (Map<String, List<Failure>> failures : List.of(byAddress, byUsername)) {
            failures.values().forEach(list -> list.removeIf(f -> !f.at().plus(WINDOW).isAfter(now)));
            failures.values().removeIf(List::isEmpty);
        }
        lockedAddresses.values().removeIf(until -> !until.isAfter(now));
        lockedUsernames.values().removeIf(until -> !until.isAfter(now));
    }

    private static void removeIf(Map<String, List<Failure>> failures, String subject,
                                 java.util.function.Predicate<Failure> which) {
        List<Failure> list = failures.get(subject);
        if (list != null) {
            list.removeIf(which);
            if (list.isEmpty()) {
                failures.remove(subject);
            }
        }
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
