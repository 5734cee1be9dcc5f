package io.usp.deployments.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** {@link PartnerCredentialStore} in table {@code partner_credential}. */
final class JdbiPartnerCredentialStore implements PartnerCredentialStore {

    private final Jdbi jdbi;

    JdbiPartnerCredentialStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<PartnerCredential> list(String deployment) {
        return Sql.translate(() -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT username, created_at FROM partner_credential WHERE deployment = :d ORDER BY username")
                .bind("d", deployment)
                .map((rs, ctx) -> new PartnerCredential(rs.getString("username"), Sql.instant(rs, "created_at")))
                .list()));
    }

    @Override
    public synchronized boolean put(String deployment, String username, String passwordHash, Instant at) {
        return Sql.translate(() -> jdbi.inTransaction(h -> {
            if (DeploymentRows.find(h, deployment).isEmpty()) {
                throw StoreException.notFound("deployment '" + deployment + "'");
            }
            int replaced = h.createUpdate("UPDATE partner_credential SET password_hash = :hash, created_at = :at"
                            + " WHERE deployment = :d AND username = :u")
                    .bind("d", deployment).bind("u", username).bind("hash", passwordHash).bind("at", at)
                    .execute();
            if (replaced > 0) {
                return false;
            }
            h.createUpdate("INSERT INTO partner_credential (deployment, username, password_hash, created_at)"
                            + " VALUES (:d, :u, :hash, :at)")
                    .bind("d", deployment).bind("u", username).bind("hash", passwordHash).bind("at", at)
                    .execute();
            return true;
        }));
    }

    @Override
    public void delete(String deployment, String username) {
        int rows = Sql.translate(() -> jdbi.withHandle(h -> h.createUpdate(
                        "DELETE FROM partner_credential WHERE deployment = :d AND username = :u")
                .bind("d", deployment).bind("u", username)
                .execute()));
        if (rows == 0) {
            throw StoreException.notFound("partner credential '" + username + "' on deployment '" + deployment + "'");
        }
    }

    @Override
    public Optional<String> passwordHash(String deployment, String username) {
        return Sql.translate(() -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT password_hash FROM partner_credential WHERE deployment = :d AND username = :u")
                .bind("d", deployment).bind("u", username)
                .mapTo(String.class)
                .findOne()));
    }

    @Override
    public int count(String deployment) {
        return Sql.translate(() -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM partner_credential WHERE deployment = :d")
                .bind("d", deployment)
                .mapTo(Integer.class)
                .one()));
    }

    @Override
    public Set<String> deploymentsWithCredentials() {
        return Sql.translate(() -> jdbi.withHandle(h -> Set.copyOf(h.createQuery(
                        "SELECT DISTINCT deployment FROM partner_credential")
                .mapTo(String.class)
                .list())));
    }
}
