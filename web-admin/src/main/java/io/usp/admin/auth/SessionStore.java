package io.usp.admin.auth;

import io.usp.deployments.store.AdminStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Login sessions, kept in the store (only the SHA-256 of each session id, never the id), so a
 * session works on every server sharing that store and outlives a restart. A session ends after
 * {@link #IDLE} without use or {@link #ABSOLUTE} after login, whichever comes first. Use is
 * written at most once per {@link #TOUCH}, so an idle session may end up to that much early.
 */
public final class SessionStore {

    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE = Duration.ofHours(12);
    static final Duration TOUCH = Duration.ofMinutes(1);

    private final AdminStore store;
    private final Clock clock;

    public SessionStore(AdminStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new session; {@code id} goes into the cookie. */
    public record Created(String id, AdminSession session) {
    }

    private static Instant expiresAt(Instant createdAt, Instant lastUsedAt) {
        Instant idle = lastUsedAt.plus(IDLE);
        Instant absolute = createdAt.plus(ABSOLUTE);
        return idle.isBefore(absolute) ? idle : absolute;
    }

    public Created create(String username) {
        Instant now = clock.instant();
        store.pruneSessions(now.minus(IDLE), now.minus(ABSOLUTE));
        String id = RandomTokens.next();
        String csrf = RandomTokens.next();
        store.createSession(RandomTokens.sha256Hex(id), username, csrf, now);
        return new Created(id, new AdminSession(username, csrf, expiresAt(now, now)));
    }

    /** The live session with this id, marked as used now; empty (and forgotten) once expired. */
    public Optional<AdminSession> use(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String hash = RandomTokens.sha256Hex(id);
        Optional<AdminStore.SessionRow> row = store.session(hash);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        AdminStore.SessionRow s = row.get();
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt(s.createdAt(), s.lastUsedAt()))) {
            store.deleteSession(hash);
            return Optional.empty();
        }
        Instant lastUsed = s.lastUsedAt();
        if (!now.isBefore(lastUsed.plus(TOUCH))) {
            store.touchSession(hash, now);
            lastUsed = now;
        }
        return Optional.of(new AdminSession(s.username(), s.csrfToken(), expiresAt(s.createdAt(), lastUsed)));
    }

    /** Ends every session of {@code username}: its password changed, or it was removed. Returns how many. */
    public int endAll(String username) {
        return store.deleteSessions(username);
    }

    public void invalidate(String id) {
        if (id != null) {
            store.deleteSession(RandomTokens.sha256Hex(id));
        }
    }
}
