package io.usp.deployments.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Enrollment tokens and revocations of clients (docs/enrollment.md). Tokens are kept as the
 * SHA-256 of their secret, never the secret. A revocation voids every certificate and token of
 * that client made before it; a client added again afterwards starts afresh.
 */
public interface EnrollmentStore {

    /**
     * @param secretHash SHA-256 hex of the token's secret
     * @param client     the client name the token enrolls
     * @param createdBy  the admin who added the client
     * @param usedAt     when it was spent; empty while unused
     */
    record Token(String secretHash, String client, Instant createdAt, String createdBy, Instant expiresAt,
                 Optional<Instant> usedAt) {

        public Token {
            if (secretHash == null || !secretHash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("secretHash must be 64 lower-case hex digits");
            }
            if (client == null || createdAt == null || createdBy == null || expiresAt == null || usedAt == null) {
                throw new IllegalArgumentException("client, createdAt, createdBy, expiresAt and usedAt are required");
            }
            if (!expiresAt.isAfter(createdAt)) {
                throw new IllegalArgumentException("a token must expire after it is made");
            }
        }

        /** Never prints the hash, which is as good as a password hash to an attacker with time. */
        @Override
        public String toString() {
            return "Token[client=" + client + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + ", usedAt="
                    + usedAt.map(Instant::toString).orElse("-") + "]";
        }
    }

    record Revocation(String client, Instant revokedAt, String revokedBy) {
    }

    /** Why a token did not enroll anyone. */
    enum Refusal { UNKNOWN, USED, EXPIRED, REVOKED }

    /** What redeeming a token gave. */
    sealed interface Redemption permits Granted, Refused {
    }

    /** The token was good and is now spent: enroll {@code client}. */
    record Granted(String client) implements Redemption {
    }

    record Refused(Refusal why) implements Redemption {
    }

    /** Stores a new token and audits it as {@code create client NAME} by its creator. */
    void addToken(Token token);

    /**
     * Spends the token with this secret hash if it is unused, unexpired at {@code now} and newer
     * than its client's last revocation; one transaction, so two requests cannot both spend it.
     */
    Redemption redeem(String secretHash, Instant now, String from);

    /** Whether a token, a connection record or a revocation names {@code client}. */
    boolean knows(String client);

    /**
     * Records that {@code client} is revoked at {@code at}, audited with {@code actor}; a later
     * revocation replaces an earlier one.
     */
    void revoke(String client, Instant at, String actor);

    /** The last revocation of every revoked client, sorted by name. */
    List<Revocation> revocations();

    /** Unused tokens that have not expired at {@code now} and were made after their client's last revocation. */
    List<Token> pendingTokens(Instant now);
}
