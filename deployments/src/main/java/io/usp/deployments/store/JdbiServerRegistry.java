package io.usp.deployments.store;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

final class JdbiServerRegistry implements ServerRegistry {

    private final Jdbi jdbi;

    JdbiServerRegistry(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void heartbeat(RegisteredServer server) {
        Sql.translate(() -> jdbi.inTransaction(h -> {
            if (update(h, server) == 0) {
                h.createUpdate("INSERT INTO cluster_server (name, peer_address, started_at, heartbeat_at)"
                                + " VALUES (:name, :peerAddress, :startedAt, :heartbeatAt)")
                        .bindMethods(server)
                        .execute();
            }
            return null;
        }));
    }

    private static int update(Handle h, RegisteredServer server) {
        return h.createUpdate("UPDATE cluster_server SET peer_address = :peerAddress, started_at = :startedAt,"
                        + " heartbeat_at = :heartbeatAt WHERE name = :name")
                .bindMethods(server)
                .execute();
    }

    @Override
    public List<RegisteredServer> servers() {
        return Sql.translate(() -> jdbi.withHandle(h -> h.createQuery("SELECT name, peer_address, started_at,"
                        + " heartbeat_at FROM cluster_server ORDER BY name")
                .map((rs, ctx) -> new RegisteredServer(rs.getString("name"), rs.getString("peer_address"),
                        Sql.instant(rs, "started_at"), Sql.instant(rs, "heartbeat_at")))
                .list()));
    }

    @Override
    public void leave(String name) {
        Sql.translate(() -> jdbi.withHandle(h -> h.createUpdate("DELETE FROM cluster_server WHERE name = :name")
                .bind("name", name)
                .execute()));
    }
}
