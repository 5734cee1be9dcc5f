package io.usp.deployments.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link AdminStore} in tables {@code admin_user} and {@code api_token}. */
final class JdbiAdminStore implements AdminStore {

    private final Jdbi jdbi;

    JdbiAdminStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<AdminUser> user(String username) {
        return Sql.translate(() -> jdbi.withHandle(h -> user(h, username)));
    }

    @Override
    public List<AdminUser> users() {
        return Sql.translate(() -> jdbi.withHandle(h -> h.createQuery("SELECT * FROM admin_user ORDER BY username")
                .map((rs, ctx) -> user(rs))
                .list()));
    }

    @Override
    public synchronized void createUser(String username, String passwordHash, Instant at) {
        Sql.translate(() -> jdbi.useTransaction(h -> {
            if (user(h, username).isPresent()) {
                throw new StoreException(StoreException.Kind.CONFLICT, "username",
                        "an admin user named '" + username + "' exists already");
            }
            h.createUpdate("INSERT INTO admin_user (username, password_hash, created_at) VALUES (:u, :hash, :at)")
                    .bind("u", username)
                    .bind("hash", passwordHash)
                    .bind("at", at)
                    .execute();
        }));
    }

    @Override
    public void changePassword(String username, String passwordHash) {
        Sql.translate(() -> jdbi.useTransaction(h -> {
            int rows = h.createUpdate("UPDATE admin_user SET password_hash = :hash WHERE username = :u")
                    .bind("u", username)
                    .bind("hash", passwordHash)
                    .execute();
            if (rows == 0) {
                throw StoreException.notFound("admin user '" + username + "'");
            }
            h.createUpdate("DELETE FROM api_token WHERE username = :u").bind("u", username).execute();
        }));
    }

    @Override
    public synchronized void deleteUser(String username) {
        Sql.translate(() -> jdbi.useTransaction(h -> {
            if (user(h, username).isEmpty()) {
                throw StoreException.notFound("admin user '" + username + "'");
            }
            int users = h.createQuery("SELECT COUNT(*) FROM admin_user").mapTo(Integer.class).one();
            if (users == 1) {
                throw new StoreException(StoreException.Kind.CONFLICT, "username",
                        "'" + username + "' is the last admin user; add another before removing it");
            }
            // api_token rows go with it (ON DELETE CASCADE)
            h.createUpdate("DELETE FROM admin_user WHERE username = :u").bind("u", username).execute();
        }));
    }

    @Override
    public void recordLogin(String username, Instant at) {
        updateUser(username, "UPDATE admin_user SET last_login_at = :v WHERE username = :u", at);
    }

    private void updateUser(String username, String sql, Object value) {
        int rows = Sql.translate(() -> jdbi.withHandle(h -> h.createUpdate(sql)
                .bind("u", username)
                .bind("v", value)
                .execute()));
        if (rows == 0) {
            throw StoreException.notFound("admin user '" + username + "'");
        }
    }

    @Override
    public void addToken(String tokenHash, String username, Instant createdAt, Instant expiresAt) {
        Sql.translate(() -> jdbi.useTransaction(h -> {
            if (user(h, username).isEmpty()) {
                throw StoreException.notFound("admin user '" + username + "'");
            }
            h.createUpdate("INSERT INTO api_token (token_hash, username, created_at, expires_at)"
                            + " VALUES (:hash, :u, :created, :expires)")
                    .bind("hash", tokenHash)
                    .bind("u", username)
                    .bind("created", createdAt)
                    .bind("expires", expiresAt)
                    .execute();
        }));
    }

    @Override
    public Optional<ApiToken> token(String tokenHash, Instant now) {
        return Sql.translate(() -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM api_token WHERE token_hash = :hash AND expires_at > :now")
                .bind("hash", tokenHash)
                .bind("now", now)
                .map((rs, ctx) -> token(rs))
                .findOne()));
    }

    @Override
    public void deleteToken(String tokenHash) {
        Sql.translate(() -> jdbi.useHandle(h -> h.createUpdate("DELETE FROM api_token WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .execute()));
    }

    @Override
    public Optional<ApiToken> deleteToken(long id) {
        return Sql.translate(() -> jdbi.inTransaction(h -> {
            Optional<ApiToken> token = h.createQuery("SELECT * FROM api_token WHERE id = :id")
                    .bind("id", id)
                    .map((rs, ctx) -> token(rs))
                    .findOne();
            token.ifPresent(t -> h.createUpdate("DELETE FROM api_token WHERE id = :id").bind("id", id).execute());
            return token;
        }));
    }

    @Override
    public List<ApiToken> tokens(Instant now) {
        return Sql.translate(() -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM api_token WHERE expires_at > :now ORDER BY created_at, id")
                .bind("now", now)
                .map((rs, ctx) -> token(rs))
                .list()));
    }

    @Override
    public int pruneTokens(Instant now) {
        return Sql.translate(() -> jdbi.withHandle(h -> h.createUpdate("DELETE FROM api_token WHERE expires_at <= :now")
                .bind("now", now)
                .execute()));
    }

    private static Optional<AdminUser> user(Handle h, String username) {
        return h.createQuery("SELECT * FROM admin_user WHERE username = :u")
                .bind("u", username)
                .map((rs, ctx) -> user(rs))
                .findOne();
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getString("username"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "expires_at"));
    }

    private static AdminUser user(ResultSet rs) throws SQLException {
        return new AdminUser(rs.getString("username"), rs.getString("password_hash"), Sql.instant(rs, "created_at"),
                Sql.optionalInstant(rs, "last_login_at"));
    }

    @Override
    public void createSession(String idHash, String username, String csrfToken, Instant at) {
        Sql.translate(() -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO admin_session (id_hash, username,"
                        + " csrf_token, created_at, last_used_at) VALUES (:hash, :u, :csrf, :at, :at)")
                .bind("hash", idHash).bind("u", username).bind("csrf", csrfToken).bind("at", at).execute()));
    }

    @Override
    public Optional<SessionRow> session(String idHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM admin_session WHERE id_hash = :hash")
                .bind("hash", idHash)
                .map((rs, ctx) -> new SessionRow(rs.getString("username"), rs.getString("csrf_token"),
                        Sql.instant(rs, "created_at"), Sql.instant(rs, "last_used_at")))
                .findOne());
    }

    @Override
    public void touchSession(String idHash, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE admin_session SET last_used_at = :at WHERE id_hash = :hash")
                .bind("at", at).bind("hash", idHash).execute());
    }

    @Override
    public void deleteSession(String idHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM admin_session WHERE id_hash = :hash").bind("hash", idHash)
                .execute());
    }

    @Override
    public int deleteSessions(String username) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM admin_session WHERE username = :u").bind("u", username)
                .execute());
    }

    @Override
    public int pruneSessions(Instant idleSince, Instant madeSince) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM admin_session WHERE last_used_at <= :idle"
                        + " OR created_at <= :made")
                .bind("idle", idleSince).bind("made", madeSince).execute());
    }
}
