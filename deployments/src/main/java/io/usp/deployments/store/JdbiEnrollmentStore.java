package io.usp.deployments.store;

import io.usp.deployments.store.AuditLog.AuditEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link EnrollmentStore} in tables {@code enrollment_token} and {@code client_revocation}. */
final class JdbiEnrollmentStore implements EnrollmentStore {

    private final Jdbi jdbi;

    JdbiEnrollmentStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void addToken(Token token) {
        Sql.translate(() -> jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO enrollment_token (secret_hash, client_name, created_at, created_by, expires_at)"
                            + " VALUES (:hash, :client, :createdAt, :createdBy, :expiresAt)")
                    .bind("hash", token.secretHash())
                    .bind("client", token.client())
                    .bind("createdAt", token.createdAt())
                    .bind("createdBy", token.createdBy())
                    .bind("expiresAt", token.expiresAt())
                    .execute();
            JdbiAuditLog.insert(h, new AuditEntry(0, token.createdAt(), token.createdBy(), "create", "client",
                    token.client(), Optional.empty(),
                    Optional.of("{\"enrollmentTokenExpiresAt\":\"" + token.expiresAt() + "\"}")));
        }));
    }

    @Override
    public Redemption redeem(String secretHash, Instant now, String from) {
        return Sql.translate(() -> jdbi.inTransaction(h -> {
            Optional<Token> found = h.createQuery("SELECT * FROM enrollment_token WHERE secret_hash = :hash FOR UPDATE")
                    .bind("hash", secretHash)
                    .map((rs, ctx) -> token(rs))
                    .findOne();
            if (found.isEmpty()) {
                return new Refused(Refusal.UNKNOWN);
            }
            Token token = found.get();
            if (token.usedAt().isPresent()) {
                return new Refused(Refusal.USED);
            }
            if (!now.isBefore(token.expiresAt())) {
                return new Refused(Refusal.EXPIRED);
            }
            if (revokedAt(h, token.client()).filter(at -> !token.createdAt().isAfter(at)).isPresent()) {
                return new Refused(Refusal.REVOKED);
            }
            h.createUpdate("UPDATE enrollment_token SET used_at = :now, used_from = :from WHERE secret_hash = :hash")
                    .bind("now", now)
                    .bind("from", from)
                    .bind("hash", secretHash)
                    .execute();
            return new Granted(token.client());
        }));
    }

    @Override
    public boolean knows(String client) {
        return Sql.translate(() -> jdbi.withHandle(h -> revokedAt(h, client).isPresent()
                || exists(h, "SELECT COUNT(*) FROM enrollment_token WHERE client_name = :client", client)
                || exists(h, "SELECT COUNT(*) FROM client WHERE name = :client", client)));
    }

    @Override
    public void revoke(String client, Instant at, String actor) {
        Sql.translate(() -> jdbi.useTransaction(h -> {
            Optional<Instant> before = revokedAt(h, client);
            int updated = h.createUpdate("UPDATE client_revocation SET revoked_at = :at, revoked_by = :actor"
                            + " WHERE client_name = :client")
                    .bind("at", at).bind("actor", actor).bind("client", client).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO client_revocation (client_name, revoked_at, revoked_by)"
                                + " VALUES (:client, :at, :actor)")
                        .bind("at", at).bind("actor", actor).bind("client", client).execute();
            }
            JdbiAuditLog.insert(h, new AuditEntry(0, at, actor, "revoke", "client", client,
                    before.map(t -> "{\"revokedAt\":\"" + t + "\"}"), Optional.of("{\"revokedAt\":\"" + at + "\"}")));
        }));
    }

    @Override
    public List<Revocation> revocations() {
        return Sql.translate(() -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM client_revocation ORDER BY client_name")
                .map((rs, ctx) -> new Revocation(rs.getString("client_name"), Sql.instant(rs, "revoked_at"),
                        rs.getString("revoked_by")))
                .list()));
    }

    @Override
    public List<Token> pendingTokens(Instant now) {
        return Sql.translate(() -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT t.* FROM enrollment_token t LEFT JOIN client_revocation r ON r.client_name = t.client_name"
                                + " WHERE t.used_at IS NULL AND t.expires_at > :now"
                                + " AND (r.revoked_at IS NULL OR t.created_at > r.revoked_at)"
                                + " ORDER BY t.client_name, t.created_at")
                .bind("now", now)
                .map((rs, ctx) -> token(rs))
                .list()));
    }

    private static Optional<Instant> revokedAt(Handle h, String client) {
        return h.createQuery("SELECT revoked_at FROM client_revocation WHERE client_name = :client")
                .bind("client", client)
                .map((rs, ctx) -> Sql.instant(rs, "revoked_at"))
                .findOne();
    }

    private static boolean exists(Handle h, String countQuery, String client) {
        return h.createQuery(countQuery).bind("client", client).mapTo(Long.class).one() > 0;
    }

    private static Token token(ResultSet rs) throws SQLException {
        return new Token(rs.getString("secret_hash"), rs.getString("client_name"), Sql.instant(rs, "created_at"),
                rs.getString("created_by"), Sql.instant(rs, "expires_at"), Sql.optionalInstant(rs, "used_at"));
    }
}
