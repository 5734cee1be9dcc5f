package io.usp.deployments.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.Deployment;
import io.usp.deployments.route.CollectionRoute;
import io.usp.deployments.route.FixedRoute;
import io.usp.deployments.route.Mode;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;

/** A database of the release before mode ftp (schema 5) keeps its tcp and collection deployments through V6. */
class FtpMigrationTest {

    @Test
    void tcpAndCollectionDeploymentsOfSchemaFiveReadBackAfterTheFtpMigration() throws Exception {
        String name = "ftp-migration-" + System.nanoTime();
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").target("5").load().migrate();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                String now = "TIMESTAMP WITH TIME ZONE '" + Instant.parse("2026-12-01T10:00:00Z") + "'";
                s.execute("INSERT INTO deployment (name, listener_bind, listener_port, mode, target_host, target_port,"
                        + " client, idle_timeout_ms, start_mode, enabled, created_at, updated_at) VALUES ('web',"
                        + " '0.0.0.0', 10080, 'tcp', 'web.internal', 8080, 'agent-a', 3600000, 'auto', TRUE, " + now
                        + ", " + now + ")");
                s.execute("INSERT INTO deployment (name, listener_bind, listener_port, mode, rules, dns_overrides,"
                        + " client, idle_timeout_ms, start_mode, enabled, created_at, updated_at) VALUES ('socks',"
                        + " '0.0.0.0', 1080, 'socks5', '[{\"action\":\"tunnel\",\"hosts\":[\"*.internal\"]}]',"
                        + " '{\"vnc1.com\":\"10.20.1.7\"}', 'agent-a', 3600000, 'auto', TRUE, " + now + ", " + now + ")");
            }
        } finally {
            pool.dispose();
        }
        try (Database db = Database.inMemory(name, new TestClock())) {
            Map<String, Deployment> byName = db.deployments().deployments().stream().map(StoredDeployment::deployment)
                    .collect(Collectors.toMap(Deployment::name, Function.identity()));
            assertThat(byName.get("web").route()).isInstanceOf(FixedRoute.class);
            assertThat(((FixedRoute) byName.get("web").route()).target().authority()).isEqualTo("web.internal:8080");
            CollectionRoute socks = (CollectionRoute) byName.get("socks").route();
            assertThat(socks.mode()).isEqualTo(Mode.SOCKS5);
            assertThat(socks.rules()).hasSize(1);
            assertThat(socks.dnsOverrides().names()).containsEntry("vnc1.com", "10.20.1.7");
        }
    }
}
