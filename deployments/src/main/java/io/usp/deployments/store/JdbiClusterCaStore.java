package io.usp.deployments.store;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

final class JdbiClusterCaStore implements ClusterCaStore {

    private final Jdbi jdbi;

    JdbiClusterCaStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<StoredCa> ca() {
        return jdbi.withHandle(h -> h.createQuery("SELECT certificate, sealed_key, created_at FROM cluster_ca WHERE id = 1")
                .map((rs, ctx) -> new StoredCa(rs.getString("certificate"), rs.getString("sealed_key"),
                        Sql.instant(rs, "created_at")))
                .findOne());
    }

    @Override
    public boolean offer(String certificate, String sealedKey, Instant at) {
        try {
            return Sql.translate(() -> jdbi.withHandle(h -> h.createUpdate("INSERT INTO cluster_ca (id, certificate,"
                            + " sealed_key, created_at) SELECT 1, :certificate, :sealedKey, :at"
                            + " WHERE NOT EXISTS (SELECT 1 FROM cluster_ca)")
                    .bind("certificate", certificate)
                    .bind("sealedKey", sealedKey)
                    .bind("at", at)
                    .execute())) == 1;
        } catch (StoreException e) {
            if (e.kind() == StoreException.Kind.CONFLICT) {
                return false; // two servers offered at once: the other's is the cluster's CA
            }
            throw e;
        }
    }
}
