package io.usp.deployments.store;

import io.usp.deployments.Limits;
import java.util.Set;
import io.usp.deployments.PortRange;
import io.usp.deployments.route.FtpSettings;
import io.usp.deployments.route.FtpRoute;
import io.usp.deployments.route.TargetTls;
import static io.usp.deployments.store.Fixtures.direct;
import static io.usp.deployments.store.Fixtures.named;
import static io.usp.deployments.store.Fixtures.partners;
import static io.usp.deployments.store.Fixtures.tunnelled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp.deployments.Deployment;
import io.usp.deployments.FilterAction;
import io.usp.deployments.IpFilter;
import io.usp.deployments.Listener;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.StartMode;
import io.usp.deployments.Target;
import io.usp.deployments.route.FixedRoute;
import io.usp.deployments.store.StoreException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeploymentStoreTest extends StoreTest {

    private final TestClock clock = new TestClock();
    private Database db;
    private DeploymentStore store;

    @BeforeEach
    void open() {
        db = database("deployments", clock);
        store = db.deployments();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void createdDeploymentsReadBackEqualSortedByName() {
        store.createIpFilter(partners(), "alice");
        Deployment b = tunnelled("b-ssh", 10022);
        Deployment a = direct("a-web", 10080);
        Deployment c = named("c-api", 10443, partners());

        StoredDeployment created = store.create(b, "alice");
        store.create(a, "alice");
        store.create(c, "alice");

        assertThat(created).isEqualTo(new StoredDeployment(b, false, TestClock.START, TestClock.START));
        assertThat(store.deployments()).extracting(StoredDeployment::deployment).containsExactly(a, b, c);
        assertThat(store.deployment("c-api")).map(StoredDeployment::deployment).contains(c);
        assertThat(store.deployment("none")).isEmpty();
    }

    @Test
    void createRefusesATakenNameATakenPortAndAnUnknownFilter() {
        store.create(direct("web", 10080), "alice");

        assertRefused(() -> store.create(direct("web", 10081), "alice"), Kind.CONFLICT, "name", "'web' exists");
        assertRefused(() -> store.create(direct("other", 10080), "alice"), Kind.CONFLICT, "listener.port",
                "port 10080 is already used by deployment 'web'");
        Deployment unknownFilter = named("api", 10443, new NamedIpFilter("nobody", IpFilter.ALLOW_ALL));
        assertRefused(() -> store.create(unknownFilter, "alice"), Kind.INVALID, "ipFilter", "'nobody'");
        assertThat(store.deployments()).hasSize(1);
    }

    @Test
    void portZeroMeansAnyFreePortAndNeverConflicts() {
        store.create(direct("one", 0), "t");
        store.create(direct("two", 0), "t");
        assertThat(store.deployments()).hasSize(2);
    }

    @Test
    void aCollectionReadsBackEqualAndMayBecomeTcpAndBack() {
        Deployment collection = Fixtures.collection("socks", 1080);
        store.create(collection, "alice");
        assertThat(store.deployment("socks")).map(StoredDeployment::deployment).contains(collection);

        Deployment tcp = direct("socks", 1080);
        store.update("socks", tcp, "alice");
        assertThat(store.deployment("socks")).map(StoredDeployment::deployment).contains(tcp);
        store.update("socks", collection, "alice");
        assertThat(store.deployment("socks")).map(StoredDeployment::deployment).contains(collection);
    }

    @Test
    void anFtpDeploymentReadsBackEqualAndMayBecomeTcpAndBack() {
        Deployment ftp = new Deployment("ftp", new Listener("0.0.0.0", 2121), IpFilter.ALLOW_ALL, Limits.NONE,
                new FtpRoute(new Target("ftp.internal", 21), Optional.of("agent-a"), new FtpSettings(
                        new PortRange(30000, 30099), Optional.of("203.0.113.10"), FtpSettings.Tls.IMPLICIT,
                        Optional.of(new FtpSettings.Certificate("/etc/usp/ftp.crt", "/etc/usp/ftp.key")), true,
                        Set.of("MDTM")), new TargetTls(FtpSettings.Tls.EXPLICIT, Optional.of("/etc/usp/inside-ca.pem"))),
                Deployment.DEFAULT_IDLE_TIMEOUT);
        store.create(ftp, "alice");
        assertThat(store.deployment("ftp")).map(StoredDeployment::deployment).contains(ftp);
        Deployment tcp = direct("ftp", 2121);
        store.update("ftp", tcp, "alice");
        assertThat(store.deployment("ftp")).map(StoredDeployment::deployment).contains(tcp);
        store.update("ftp", ftp, "alice");
        assertThat(store.deployment("ftp")).map(StoredDeployment::deployment).contains(ftp);
    }

    @Test
    void updateReplacesTheDeploymentAndKeepsItsCreationTime() {
        store.create(direct("web", 10080), "alice");
        Instant later = clock.advance(Duration.ofMinutes(5));
        Deployment changed = new Deployment("web", new Listener("127.0.0.1", 10080),
                Fixtures.filter(List.of(), List.of("10.0.0.0/8"), FilterAction.BLOCK), tunnelled("x", 1).limits(),
                new FixedRoute(new Target("web2.internal", 8443), Optional.of("agent-a")), Duration.ofSeconds(90),
                Optional.empty(),
                StartMode.MANUAL, false);

        StoredDeployment updated = store.update("web", changed, "bob");

        assertThat(updated).isEqualTo(new StoredDeployment(changed, false, TestClock.START, later));
        assertThat(store.deployment("web")).contains(updated);
    }

    @Test
    void updateRefusesARenameAMissingDeploymentAndAnotherDeploymentsPort() {
        store.createIpFilter(partners(), "alice");
        store.create(direct("web", 10080), "alice");
        store.create(direct("ssh", 10022), "alice");

        assertRefused(() -> store.update("web", direct("web2", 10080), "bob"), Kind.INVALID, "name", "cannot change");
        assertRefused(() -> store.update("gone", direct("gone", 10090), "bob"), Kind.NOT_FOUND, null, "'gone'");
        assertRefused(() -> store.update("web", direct("web", 10022), "bob"), Kind.CONFLICT, "listener.port",
                "deployment 'ssh'");
        assertThat(store.update("web", direct("web", 10080).withFilter(partners()), "bob").deployment()
                .ipFilterName()).contains("partners-eu"); // its own port is no conflict
    }

    @Test
    void deleteRemovesItAndRefusesAMissingOne() {
        store.create(direct("web", 10080), "alice");
        store.delete("web", "alice");
        assertThat(store.deployments()).isEmpty();
        assertRefused(() -> store.delete("web", "alice"), Kind.NOT_FOUND, null, "no deployment 'web'");
        store.create(direct("other", 10080), "alice"); // the port is free again
    }

    @Test
    void aDeploymentMovesBetweenNamedInlineAndNoFilter() {
        store.createIpFilter(partners(), "alice");
        store.create(direct("web", 10080), "alice");

        Deployment withNamed = direct("web", 10080).withFilter(partners());
        assertThat(store.update("web", withNamed, "a").deployment()).isEqualTo(withNamed);
        Deployment inline = new Deployment("web", withNamed.listener(), partners().filter(), withNamed.limits(),
                withNamed.route(), withNamed.idleTimeout());
        assertThat(store.update("web", inline, "a").deployment()).isEqualTo(inline);
        assertThat(store.ipFilter("partners-eu").orElseThrow().usedBy()).isEmpty();
        assertThat(store.update("web", direct("web", 10080), "a").deployment().ipFilter()).isEqualTo(IpFilter.ALLOW_ALL);
    }

    @Test
    void changingANamedFilterChangesEveryDeploymentThatUsesIt() {
        store.createIpFilter(partners(), "alice");
        store.create(named("b", 10002, partners()), "alice");
        store.create(named("a", 10001, partners()), "alice");
        store.create(direct("c", 10003), "alice");
        IpFilter tighter = Fixtures.filter(List.of("0.0.0.0/0"), List.of(), FilterAction.BLOCK);

        StoredIpFilter updated = store.updateIpFilter("partners-eu", new NamedIpFilter("partners-eu", tighter), "bob");

        assertThat(updated.filter().filter()).isEqualTo(tighter);
        assertThat(updated.usedBy()).containsExactly("a", "b");
        assertThat(store.deployment("a").orElseThrow().deployment().ipFilter()).isEqualTo(tighter);
        assertThat(store.deployment("b").orElseThrow().deployment())
                .isEqualTo(named("b", 10002, new NamedIpFilter("partners-eu", tighter)));
        assertThat(store.ipFilters()).singleElement().isEqualTo(updated);
    }

    @Test
    void aFilterInUseCannotBeDeleted() {
        store.createIpFilter(partners(), "alice");
        store.create(named("b", 10002, partners()), "alice");
        store.create(named("a", 10001, partners()), "alice");

        assertRefused(() -> store.deleteIpFilter("partners-eu", "bob"), Kind.CONFLICT, null,
                "IP filter 'partners-eu' is used by deployments 'a', 'b'");

        store.delete("a", "bob");
        store.delete("b", "bob");
        store.deleteIpFilter("partners-eu", "bob");
        assertThat(store.ipFilters()).isEmpty();
    }

    @Test
    void filterChangesAreRefusedLikeDeploymentChanges() {
        store.createIpFilter(partners(), "alice");
        NamedIpFilter other = new NamedIpFilter("other", IpFilter.ALLOW_ALL);

        assertRefused(() -> store.createIpFilter(partners(), "alice"), Kind.CONFLICT, "name", "'partners-eu' exists");
        assertRefused(() -> store.updateIpFilter("partners-eu", other, "alice"), Kind.INVALID, "name", "cannot change");
        assertRefused(() -> store.updateIpFilter("other", other, "alice"), Kind.NOT_FOUND, null, "no IP filter 'other'");
        assertRefused(() -> store.deleteIpFilter("other", "alice"), Kind.NOT_FOUND, null, "no IP filter 'other'");
    }

    @Test
    void whatTheDatabaseRefusesBecomesAStoreException() {
        // values longer than their columns are refused before they reach either database (whose
        // messages for them name no column on PostgreSQL)
        assertThatThrownBy(() -> new Listener("b".repeat(300), 10080)).hasMessageContaining("longer than 255");
        assertThatThrownBy(() -> new Target("h".repeat(300), 80)).hasMessageContaining("longer than 253");
        Deployment subMillisecond = new Deployment("web", new Listener("0.0.0.0", 10080), IpFilter.ALLOW_ALL,
                direct("x", 1).limits(), new Target("t", 80), Optional.empty(), Duration.ofNanos(1500));
        assertRefused(() -> store.create(subMillisecond, "alice"), Kind.INVALID, "idleTimeout", "milliseconds");
        assertThat(store.deployments()).isEmpty();
        assertThat(db.audit().recent(10)).isEmpty();
    }

    @Test
    void everyChangeIsAuditedWithTheEntryBeforeAndAfter() {
        Deployment v1 = direct("web", 10080);
        Deployment v2 = tunnelled("web", 10080);
        store.create(v1, "alice");
        Instant updatedAt = clock.advance(Duration.ofSeconds(1));
        store.update("web", v2, "bob");
        store.update("web", v2, "bob"); // no change, no entry
        clock.advance(Duration.ofSeconds(1));
        store.delete("web", "carol");
        store.createIpFilter(partners(), "dave");

        List<AuditLog.AuditEntry> log = db.audit().recent(10);

        assertThat(log).extracting(AuditLog.AuditEntry::action).containsExactly("create", "delete", "update", "create");
        assertThat(log).extracting(AuditLog.AuditEntry::actor).containsExactly("dave", "carol", "bob", "alice");
        assertThat(log).extracting(AuditLog.AuditEntry::subjectKind)
                .containsExactly("ip-filter", "deployment", "deployment", "deployment");
        AuditLog.AuditEntry update = log.get(2);
        assertThat(update.subjectName()).isEqualTo("web");
        assertThat(update.at()).isEqualTo(updatedAt);
        assertThat(update.before()).contains(JdbiDeploymentStore.json(v1));
        assertThat(update.after()).contains(JdbiDeploymentStore.json(v2));
        assertThat(update.after().orElseThrow()).contains("\"client\":\"agent-a\"", "\"startMode\":\"manual\"");
        assertThat(log.get(3).before()).isEmpty();
        assertThat(log.get(1).after()).isEmpty();
        assertThat(log.get(1).before()).contains(JdbiDeploymentStore.json(v2));
        assertThat(log.get(0).after().orElseThrow())
                .isEqualTo("{\"name\":\"partners-eu\",\"block\":[\"203.0.113.0/24\"],"
                        + "\"allow\":[\"198.51.100.0/24\",\"2001:db8:0:0:0:0:0:0/32\"],\"defaultAction\":\"block\"}");
        assertThat(db.audit().recent(1)).containsExactly(log.get(0));
    }

    static void assertRefused(ThrowingCallable change, Kind kind, String field, String message) {
        assertThatThrownBy(change).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
