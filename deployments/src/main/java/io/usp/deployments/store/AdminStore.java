package io.usp.deployments.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Admin users (password hashes only) and API tokens (SHA-256 hashes only: a token is never stored). */
public interface AdminStore {

    record AdminUser(String username, String passwordHash, Instant createdAt, Optional<Instant> lastLoginAt) {
    }

    /** An API token as listed: its row id, never the token nor its hash. */
    record ApiToken(long id, String username, Instant createdAt, Instant expiresAt) {
    }

    /** A login session, found by the SHA-256 of its id (the id itself is never stored). */
    record SessionRow(String username, String csrfToken, Instant createdAt, Instant lastUsedAt) {
    }

    Optional<AdminUser> user(String username);

    List<AdminUser> users();

    /** CONFLICT when the user exists. */
    void createUser(String username, String passwordHash, Instant at);

    /**
     * Sets a new password hash and withdraws every API token of the user, in one transaction: a
     * token bought with the old password must not outlive it. NOT_FOUND when the user does not exist.
     */
    void changePassword(String username, String passwordHash);

    /**
     * Removes the user and its API tokens. NOT_FOUND when the user does not exist; CONFLICT when it
     * is the last admin user, since nobody could log in after.
     */
    void deleteUser(String username);

    /** NOT_FOUND when the user does not exist. */
    void recordLogin(String username, Instant at);

    /** NOT_FOUND when the user does not exist; CONFLICT when the hash is stored already. */
    void addToken(String tokenHash, String username, Instant createdAt, Instant expiresAt);

    /** The token with this hash, unless it expired by {@code now}. */
    Optional<ApiToken> token(String tokenHash, Instant now);

    /** The user a token belongs to, unless it expired by {@code now}. */
    default Optional<String> tokenUser(String tokenHash, Instant now) {
        return token(tokenHash, now).map(ApiToken::username);
    }

    void deleteToken(String tokenHash);

    /** Withdraws one token by its row id and returns what it was; empty when there is no such token. */
    Optional<ApiToken> deleteToken(long id);

    /** The tokens not expired by {@code now}, oldest first. */
    List<ApiToken> tokens(Instant now);

    /** Removes tokens expired by {@code now} (those {@link #tokenUser} refuses); returns how many. */
    int pruneTokens(Instant now);

    void createSession(String idHash, String username, String csrfToken, Instant at);

    Optional<SessionRow> session(String idHash);

    /** Marks the session used at {@code at}. */
    void touchSession(String idHash, Instant at);

    void deleteSession(String idHash);

    /** Ends every session of {@code username}; returns how many. */
    int deleteSessions(String username);

    /** Removes sessions last used before {@code idleSince} or made before {@code madeSince}; returns how many. */
    int pruneSessions(Instant idleSince, Instant madeSince);
}
