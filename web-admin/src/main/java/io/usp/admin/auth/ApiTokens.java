package io.usp.admin.auth;

import io.usp.deployments.store.AdminStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Bearer tokens for the API and Prometheus: random, valid for a day, stored only as their SHA-256. */
public final class ApiTokens {

    public static final Duration LIFETIME = Duration.ofHours(24);

    private final AdminStore admins;
    private final Clock clock;

    public ApiTokens(AdminStore admins, Clock clock) {
        this.admins = admins;
        this.clock = clock;
    }

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(String username) {
        Instant now = clock.instant();
        admins.pruneTokens(now);
        String token = RandomTokens.next();
        Instant expiresAt = now.plus(LIFETIME);
        admins.addToken(RandomTokens.sha256Hex(token), username, now, expiresAt);
        return new Issued(token, expiresAt);
    }

    /** The stored row of a valid token, e.g. to list it as the caller's own or to withdraw it. */
    public Optional<AdminStore.ApiToken> find(String token) {
        return admins.token(RandomTokens.sha256Hex(token), clock.instant());
    }

    /** The user a token belongs to while it is valid. */
    public Optional<String> user(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return admins.tokenUser(RandomTokens.sha256Hex(token), clock.instant());
    }
}
