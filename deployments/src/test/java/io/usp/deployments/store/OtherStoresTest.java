package io.usp.deployments.store;

import static io.usp.deployments.store.DeploymentStoreTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.store.AdminStore.AdminUser;
import io.usp.deployments.store.AuditLog.AuditEntry;
import io.usp.deployments.store.ClientStore.ClientRecord;
import io.usp.deployments.store.ConnectionHistory.ConnectionRecord;
import io.usp.deployments.store.ServerRegistry.RegisteredServer;
import io.usp.deployments.store.StoreException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connection history, admin users and tokens, clients seen, and the audit log written directly. */
class OtherStoresTest extends StoreTest {

    private static final Instant T0 = TestClock.START;
    private Database db;

    @BeforeEach
    void open() {
        db = database("stores", new TestClock());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static ConnectionRecord closed(String deployment, Instant at, String detail) {
        return new ConnectionRecord(0, at, deployment, "198.51.100.7:50123", Optional.of("build.internal:22"),
                Optional.of("agent-a"), "closed", Optional.ofNullable(detail), 1200, 34000, 5000, 1, 0);
    }

    /** The refusals of one address summed over an interval: the address alone, and their count. */
    private static ConnectionRecord refused(String deployment, Instant at) {
        return new ConnectionRecord(0, at, deployment, "2001:db8::9", Optional.empty(), Optional.empty(),
                "ip-filter", Optional.of("block rule 2001:db8::/32"), 0, 0, 0, 4211, 0);
    }

    @Test
    void historyIsAddedInBatchesReadNewestFirstAndPrunedByAge() {
        ConnectionHistory history = db.history();
        history.add(List.of(closed("ssh", T0, null), refused("web", T0.plusSeconds(1)),
                closed("ssh", T0.plusSeconds(2), "idle timeout")));
        history.add(List.of());
        history.add(List.of(refused("ssh", T0.plusSeconds(3))));

        List<ConnectionRecord> all = history.recent(10, Optional.empty());
        assertThat(all).extracting(ConnectionRecord::closedAt)
                .containsExactly(T0.plusSeconds(3), T0.plusSeconds(2), T0.plusSeconds(1), T0);
        assertThat(all).extracting(ConnectionRecord::id).doesNotHaveDuplicates().allMatch(id -> id > 0);
        ConnectionRecord first = all.get(3);
        assertThat(first).isEqualTo(new ConnectionRecord(first.id(), T0, "ssh", "198.51.100.7:50123",
                Optional.of("build.internal:22"), Optional.of("agent-a"), "closed", Optional.empty(), 1200, 34000, 5000, 1, 0));
        assertThat(all.get(2).target()).isEmpty();
        assertThat(all.get(2).connections()).isEqualTo(4211);
        assertThat(all.get(2).via()).isEmpty();
        assertThat(history.recent(10, Optional.of("ssh"))).extracting(ConnectionRecord::closedAt)
                .containsExactly(T0.plusSeconds(3), T0.plusSeconds(2), T0);
        assertThat(history.recent(2, Optional.empty())).hasSize(2);
        assertThat(history.recent(10, Optional.of("nothing"))).isEmpty();

        assertThat(history.pruneBefore(T0.plusSeconds(2))).isEqualTo(2);
        assertThat(history.recent(10, Optional.empty())).extracting(ConnectionRecord::closedAt)
                .containsExactly(T0.plusSeconds(3), T0.plusSeconds(2));
    }

    @Test
    void historyIsCutToItsNewestRows() {
        ConnectionHistory history = db.history();
        for (int batch = 0; batch < 3; batch++) {
            List<ConnectionRecord> rows = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                rows.add(closed("ssh", T0.plusSeconds(batch * 10L + i), "row " + (batch * 10 + i)));
            }
            history.add(rows);
        }

        assertThat(history.pruneToNewest(40)).as("fewer rows than the cap").isZero();
        assertThat(history.pruneToNewest(12)).isEqualTo(18);
        assertThat(history.recent(100, Optional.empty())).extracting(r -> r.detail().orElseThrow())
                .hasSize(12).first().isEqualTo("row 29");
        assertThat(history.recent(100, Optional.empty())).last().extracting(r -> r.detail().orElseThrow())
                .isEqualTo("row 18");
        assertThat(history.pruneToNewest(12)).isZero();
    }

    @Test
    void aDetailTooLongForItsColumnIsCutRatherThanLosingTheBatch() {
        db.history().add(List.of(closed("ssh", T0, "x".repeat(5000)), closed("ssh", T0, "ok")));
        assertThat(db.history().recent(10, Optional.empty())).extracting(r -> r.detail().orElseThrow().length())
                .containsExactlyInAnyOrder(1000, 2);
    }

    @Test
    void adminUsersAreCreatedOnceAndKeepTheirHashes() {
        AdminStore admins = db.admins();
        admins.createUser("zoe", "hash-z", T0);
        admins.createUser("admin", "hash-1", T0);

        assertRefused(() -> admins.createUser("admin", "other", T0), Kind.CONFLICT, "username", "'admin' exists");
        admins.changePassword("admin", "hash-2");
        admins.recordLogin("admin", T0.plusSeconds(60));

        assertThat(admins.user("admin")).contains(new AdminUser("admin", "hash-2", T0, Optional.of(T0.plusSeconds(60))));
        assertThat(admins.users()).extracting(AdminUser::username).containsExactly("admin", "zoe");
        assertThat(admins.user("zoe").orElseThrow().lastLoginAt()).isEmpty();
        assertThat(admins.user("nobody")).isEmpty();
        assertRefused(() -> admins.changePassword("nobody", "h"), Kind.NOT_FOUND, null, "'nobody'");
        assertRefused(() -> admins.recordLogin("nobody", T0), Kind.NOT_FOUND, null, "'nobody'");
    }

    @Test
    void tokensWorkUntilTheyExpire() {
        AdminStore admins = db.admins();
        admins.createUser("admin", "hash", T0);
        Instant expires = T0.plus(Duration.ofHours(1));
        admins.addToken("a".repeat(64), "admin", T0, expires);
        admins.addToken("b".repeat(64), "admin", T0, T0.plus(Duration.ofHours(2)));
        admins.addToken("c".repeat(64), "admin", T0, T0.plus(Duration.ofHours(3)));

        assertThat(admins.tokenUser("a".repeat(64), expires.minusNanos(1))).contains("admin");
        assertThat(admins.tokenUser("a".repeat(64), expires)).isEmpty();
        assertThat(admins.tokenUser("d".repeat(64), T0)).isEmpty();
        assertRefused(() -> admins.addToken("d".repeat(64), "nobody", T0, expires), Kind.NOT_FOUND, null, "'nobody'");
        assertRefused(() -> admins.addToken("a".repeat(64), "admin", T0, expires), Kind.CONFLICT, null, "already");

        admins.deleteToken("c".repeat(64));
        assertThat(admins.tokenUser("c".repeat(64), T0)).isEmpty();
        assertThat(admins.pruneTokens(T0.plus(Duration.ofHours(2)))).isEqualTo(2);
        assertThat(admins.pruneTokens(T0.plus(Duration.ofDays(2)))).isZero();
    }

    @Test
    void tokensAreListedWithoutSecretsAndWithdrawnById() {
        AdminStore admins = db.admins();
        admins.createUser("admin", "hash", T0);
        admins.createUser("zoe", "hash", T0);
        admins.addToken("a".repeat(64), "admin", T0, T0.plus(Duration.ofHours(1)));
        admins.addToken("b".repeat(64), "zoe", T0.plusSeconds(1), T0.plus(Duration.ofHours(2)));

        assertThat(admins.tokens(T0.plus(Duration.ofHours(1)))).extracting(AdminStore.ApiToken::username)
                .as("the expired one is not listed").containsExactly("zoe");
        List<AdminStore.ApiToken> listed = admins.tokens(T0);
        assertThat(listed).extracting(AdminStore.ApiToken::username).containsExactly("admin", "zoe");
        assertThat(admins.deleteToken(listed.get(0).id())).contains(listed.get(0));
        assertThat(admins.deleteToken(listed.get(0).id())).as("gone already").isEmpty();
        assertThat(admins.tokenUser("a".repeat(64), T0)).isEmpty();
        assertThat(admins.tokenUser("b".repeat(64), T0)).contains("zoe");
    }

    @Test
    void aNewPasswordWithdrawsTheUsersTokensOnly() {
        AdminStore admins = adminAndZoeWithATokenEach();

        admins.changePassword("admin", "hash-2");

        assertThat(admins.user("admin").orElseThrow().passwordHash()).isEqualTo("hash-2");
        assertThat(admins.tokenUser("a".repeat(64), T0)).isEmpty();
        assertThat(admins.tokenUser("b".repeat(64), T0)).contains("zoe");
    }

    @Test
    void aUserGoesWithItsTokensButTheLastOneStays() {
        AdminStore admins = adminAndZoeWithATokenEach();

        admins.deleteUser("zoe");

        assertThat(admins.user("zoe")).isEmpty();
        assertThat(admins.tokens(T0)).extracting(AdminStore.ApiToken::username).containsExactly("admin");
        assertRefused(() -> admins.deleteUser("zoe"), Kind.NOT_FOUND, null, "'zoe'");
        assertRefused(() -> admins.deleteUser("admin"), Kind.CONFLICT, "username", "last admin user");
        assertThat(admins.users()).extracting(AdminUser::username).containsExactly("admin");
    }

    /** Users admin and zoe, with tokens "a…" and "b…" valid for an hour from T0. */
    private AdminStore adminAndZoeWithATokenEach() {
        AdminStore admins = db.admins();
        admins.createUser("admin", "hash", T0);
        admins.createUser("zoe", "hash", T0);
        admins.addToken("a".repeat(64), "admin", T0, T0.plus(Duration.ofHours(1)));
        admins.addToken("b".repeat(64), "zoe", T0, T0.plus(Duration.ofHours(1)));
        return admins;
    }

    @Test
    void aClientSeenAgainKeepsWhenItWasFirstSeen() {
        ClientStore clients = db.clients();
        Instant notAfter = Instant.parse("2027-03-01T00:00:00Z");
        clients.seen(new ClientRecord("agent-b", T0, T0, "192.0.2.1:4000", Optional.empty(), Optional.empty()));
        clients.seen(new ClientRecord("agent-a", T0, T0, "192.0.2.2:4000", Optional.of("0a1b"), Optional.of(notAfter)));
        Instant later = T0.plus(Duration.ofDays(1));

        clients.seen(new ClientRecord("agent-a", later, later, "192.0.2.3:4001", Optional.empty(), Optional.empty()));
        clients.seen(new ClientRecord("agent-b", later, later, "192.0.2.4:4002", Optional.of("ff"), Optional.of(notAfter)));

        assertThat(clients.clients()).containsExactly(
                new ClientRecord("agent-a", T0, later, "192.0.2.3:4001", Optional.empty(), Optional.empty()),
                new ClientRecord("agent-b", T0, later, "192.0.2.4:4002", Optional.of("ff"), Optional.of(notAfter)));
    }

    @Test
    void auditEntriesWrittenDirectlyGetTheirOwnIds() {
        AuditLog audit = db.audit();
        audit.record(new AuditEntry(99, T0, "admin", "login", "admin-user", "admin", Optional.empty(), Optional.empty()));
        audit.record(new AuditEntry(99, T0, "admin", "close", "connection", "ssh 198.51.100.7:50123",
                Optional.of("{\"open\":true}"), Optional.empty()));

        List<AuditEntry> log = audit.recent(10);
        assertThat(log).extracting(AuditEntry::action).containsExactly("close", "login");
        assertThat(log.get(0).id()).isGreaterThan(log.get(1).id());
        assertThat(log.get(0)).isEqualTo(new AuditEntry(log.get(0).id(), T0, "admin", "close", "connection",
                "ssh 198.51.100.7:50123", Optional.of("{\"open\":true}"), Optional.empty()));
        assertThat(audit.recent(0)).isEmpty();
    }

    @Test
    void serversRegisterBeatAndLeave() {
        ServerRegistry registry = db.servers();
        registry.heartbeat(new RegisteredServer("dmz-2", "dmz-2.example.com:7443", T0, T0));
        registry.heartbeat(new RegisteredServer("dmz-1", "dmz-1.example.com:7443", T0, T0.plusSeconds(1)));
        registry.heartbeat(new RegisteredServer("dmz-2", "192.0.2.12:7443", T0, T0.plusSeconds(20)));

        assertThat(registry.servers()).containsExactly(
                new RegisteredServer("dmz-1", "dmz-1.example.com:7443", T0, T0.plusSeconds(1)),
                new RegisteredServer("dmz-2", "192.0.2.12:7443", T0, T0.plusSeconds(20)));
        assertThat(registry.servers()).filteredOn(s -> s.live(T0.plusSeconds(21), Duration.ofSeconds(15)))
                .extracting(RegisteredServer::name).containsExactly("dmz-2");

        registry.leave("dmz-2");
        registry.leave("never-was");
        assertThat(registry.servers()).extracting(RegisteredServer::name).containsExactly("dmz-1");
    }
}
