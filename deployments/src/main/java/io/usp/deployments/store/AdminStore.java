package io.usp.deployments.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Admin users (password hashes only) and API tokens (SHA-256 hashes only: a token is never stored). */
public interface AdminStore {

    record AdminUser(String username, String passwordHash, Instant createdAt, Optional<Instant> lastLoginAt) {
    }

    Optional<AdminUser> user(String username);

    List<AdminUser> users();

    /** CONFLICT when the user exists. */
    void createUser(String username, String passwordHash, Instant at);

    /** NOT_FOUND when the user does not exist. */
    void setPasswordHash(String username, String passwordHash);

    /** NOT_FOUND when the user does not exist. */
    void recordLogin(String username, Instant at);

    /** NOT_FOUND when the user does not exist; CONFLICT when the hash is stored already. */
    void addToken(String tokenHash, String username, Instant createdAt, Instant expiresAt);

    /** The user a token belongs to, unless it expired by {@code now}. */
    Optional<String> tokenUser(String tokenHash, Instant now);

    void deleteToken(String tokenHash);

    /** Removes tokens expired by {@code now} (those {@link #tokenUser} refuses); returns how many. */
    int pruneTokens(Instant now);
}
