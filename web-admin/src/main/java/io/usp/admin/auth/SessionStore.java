package io.usp.admin.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Login sessions, in memory: a restart logs everyone out, which is fine for a handful of admins
 * and keeps session ids out of the database. A session ends after {@link #IDLE} without use or
 * {@link #ABSOLUTE} after login, whichever comes first.
 */
public final class SessionStore {

    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE = Duration.ofHours(12);

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    public SessionStore(Clock clock) {
        this.clock = clock;
    }

    /** A new session; {@code id} goes into the cookie. */
    public record Created(String id, AdminSession session) {
    }

    private record Entry(String username, String csrfToken, Instant createdAt, Instant lastUsedAt) {

        Instant expiresAt() {
            Instant idle = lastUsedAt.plus(IDLE);
            Instant absolute = createdAt.plus(ABSOLUTE);
            return idle.isBefore(absolute) ? idle : absolute;
        }

        AdminSession view() {
            return new AdminSession(username, csrfToken, expiresAt());
        }
    }

    public Created create(String username) {
        Instant now = clock.instant();
        sessions.values().removeIf(e -> !now.isBefore(e.expiresAt()));
        Entry entry = new Entry(username, RandomTokens.next(), now, now);
        String id = RandomTokens.next();
        sessions.put(id, entry);
        return new Created(id, entry.view());
    }

    /** The live session with this id, marked as used now; empty (and forgotten) once expired. */
    public Optional<AdminSession> use(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Entry used = sessions.computeIfPresent(id, (key, e) -> now.isBefore(e.expiresAt())
                ? new Entry(e.username(), e.csrfToken(), e.createdAt(), now) : null);
        return Optional.ofNullable(used).map(Entry::view);
    }

    /** Ends every session of {@code username}: its password changed, or it was removed. Returns how many. */
    public int endAll(String username) {
        AtomicInteger ended = new AtomicInteger();
        // per key and atomic, so a session in use at this moment cannot slip through
        for (String id : sessions.keySet()) {
            sessions.computeIfPresent(id, (key, e) -> {
                if (!e.username().equals(username)) {
                    return e;
                }
                ended.incrementAndGet();
                return null;
            });
        }
        return ended.get();
    }

    public void invalidate(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }
}
