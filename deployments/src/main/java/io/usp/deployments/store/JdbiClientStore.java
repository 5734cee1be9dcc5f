package io.usp.deployments.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/** {@link ClientStore} in table {@code client}. */
final class JdbiClientStore implements ClientStore {

    private final Jdbi jdbi;

    JdbiClientStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public synchronized void seen(ClientRecord client) {
        Sql.translate(() -> jdbi.useTransaction(h -> {
            int updated = bind(h.createUpdate("UPDATE client SET last_seen_at = :lastSeen, last_address = :address,"
                    + " cert_serial = :serial, cert_not_after = :notAfter WHERE name = :name"), client).execute();
            if (updated == 0) {
                bind(h.createUpdate("INSERT INTO client"
                        + " (name, first_seen_at, last_seen_at, last_address, cert_serial, cert_not_after)"
                        + " VALUES (:name, :firstSeen, :lastSeen, :address, :serial, :notAfter)"), client)
                        .bind("firstSeen", client.firstSeenAt())
                        .execute();
            }
        }));
    }

    @Override
    public List<ClientRecord> clients() {
        return Sql.translate(() -> jdbi.withHandle(h -> h.createQuery("SELECT * FROM client ORDER BY name")
                .map((rs, ctx) -> client(rs))
                .list()));
    }

    private static Update bind(Update update, ClientRecord c) {
        return update.bind("name", c.name())
                .bind("lastSeen", c.lastSeenAt())
                .bind("address", c.lastAddress())
                .bind("serial", c.certSerial().orElse(null))
                .bindByType("notAfter", c.certNotAfter().orElse(null), java.time.Instant.class);
    }

    private static ClientRecord client(ResultSet rs) throws SQLException {
        return new ClientRecord(rs.getString("name"), Sql.instant(rs, "first_seen_at"), Sql.instant(rs, "last_seen_at"),
                rs.getString("last_address"), Sql.optionalString(rs, "cert_serial"),
                Sql.optionalInstant(rs, "cert_not_after"));
    }
}
