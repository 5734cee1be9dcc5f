package io.usp.deployments.store;

import static io.usp.deployments.store.DeploymentStoreTest.assertRefused;
import static io.usp.deployments.store.Fixtures.direct;
import static io.usp.deployments.store.Fixtures.named;
import static io.usp.deployments.store.Fixtures.partners;
import static io.usp.deployments.store.Fixtures.tunnelled;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.Deployment;
import io.usp.deployments.FilterAction;
import io.usp.deployments.IpFilter;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.store.AuditLog.AuditEntry;
import io.usp.deployments.store.StoreException.Kind;
import io.usp.deployments.yaml.DeploymentsFile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpsertTest extends StoreTest {

    private final TestClock clock = new TestClock();
    private Database db;
    private DeploymentStore store;

    @BeforeEach
    void open() {
        db = database("upsert", clock);
        store = db.deployments();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private DeploymentsFile serverYaml() {
        return new DeploymentsFile(List.of(partners()),
                List.of(direct("web", 10080), tunnelled("ssh", 10022), named("api", 10443, partners())));
    }

    @Test
    void serverYamlEntriesAreMarkedAndAuditedOnce() {
        store.upsert(serverYaml(), true, "server.yaml");

        assertThat(store.deployments()).allMatch(StoredDeployment::managedByFile).hasSize(3);
        assertThat(store.ipFilters()).allMatch(StoredIpFilter::managedByFile).hasSize(1);
        assertThat(store.export()).isEqualTo(new DeploymentsFile(List.of(partners()),
                List.of(named("api", 10443, partners()), tunnelled("ssh", 10022), direct("web", 10080))));
        List<AuditEntry> log = db.audit().recent(10);
        assertThat(log).extracting(AuditEntry::action).containsOnly("create").hasSize(4);
        assertThat(log).extracting(AuditEntry::actor).containsOnly("server.yaml");
        assertThat(log).extracting(AuditEntry::subjectKind).containsOnlyOnce("ip-filter");

        clock.advance(Duration.ofHours(1));
        store.upsert(serverYaml(), true, "server.yaml"); // the next start: nothing changed

        assertThat(db.audit().recent(10)).isEqualTo(log);
        assertThat(store.deployments()).extracting(StoredDeployment::updatedAt).containsOnly(TestClock.START);
    }

    @Test
    void onlyWhatChangedIsWrittenAndAudited() {
        store.upsert(serverYaml(), true, "server.yaml");
        store.create(direct("admin-made", 10099), "alice"); // not in the file: left alone
        var tighter = new NamedIpFilter("partners-eu", Fixtures.filter(List.of(), List.of("10.1.0.0/16"),
                FilterAction.BLOCK));
        Deployment moved = direct("web", 10081);
        var changed = new DeploymentsFile(List.of(tighter),
                List.of(moved, tunnelled("ssh", 10022), named("api", 10443, tighter)));
        var at = clock.advance(Duration.ofMinutes(1));

        store.upsert(changed, true, "server.yaml");

        List<AuditEntry> log = db.audit().recent(2);
        assertThat(log).extracting(AuditEntry::action).containsExactly("update", "update");
        assertThat(log).extracting(AuditEntry::subjectName).containsExactly("web", "partners-eu");
        assertThat(log.get(0).before()).contains(JdbiDeploymentStore.json(direct("web", 10080)));
        assertThat(log.get(0).after()).contains(JdbiDeploymentStore.json(moved));
        assertThat(db.audit().recent(100)).hasSize(7); // 4 creates from the file, admin-made, and these 2
        assertThat(store.deployment("web").orElseThrow().updatedAt()).isEqualTo(at);
        assertThat(store.deployment("ssh").orElseThrow().updatedAt()).isEqualTo(TestClock.START);
        assertThat(store.deployment("api").orElseThrow().deployment().ipFilter()).isEqualTo(tighter.filter());
        assertThat(store.deployment("admin-made").orElseThrow().managedByFile()).isFalse();
    }

    @Test
    void anImportClearsTheMarkWithoutAuditingAndAnAdminEditKeepsIt() {
        store.upsert(serverYaml(), true, "server.yaml");
        store.update("web", direct("web", 10088), "alice");
        assertThat(store.deployment("web").orElseThrow().managedByFile()).isTrue();
        int audited = db.audit().recent(100).size();

        store.upsert(new DeploymentsFile(List.of(partners()), List.of(tunnelled("ssh", 10022))), false, "import");

        assertThat(db.audit().recent(100)).hasSize(audited);
        assertThat(store.deployment("ssh").orElseThrow().managedByFile()).isFalse();
        assertThat(store.ipFilter("partners-eu").orElseThrow().managedByFile()).isFalse();
        assertThat(store.deployment("web").orElseThrow().managedByFile()).isTrue();
    }

    @Test
    void aPortConflictRefusesTheWholeFile() {
        store.create(direct("admin-made", 10022), "alice");

        assertRefused(() -> store.upsert(serverYaml(), true, "server.yaml"), Kind.CONFLICT, "listener.port",
                "port 10022 is already used by deployment 'admin-made'");

        assertThat(store.deployments()).extracting(s -> s.deployment().name()).containsExactly("admin-made");
        assertThat(store.ipFilters()).isEmpty();
        assertThat(db.audit().recent(100)).hasSize(1);
    }

    @Test
    void aFileMaySwapTwoPorts() {
        store.upsert(new DeploymentsFile(List.of(), List.of(direct("a", 10001), direct("b", 10002))), true, "f");
        store.upsert(new DeploymentsFile(List.of(), List.of(direct("a", 10002), direct("b", 10001))), true, "f");
        assertThat(store.deployment("a").orElseThrow().deployment().listener().port()).isEqualTo(10002);
    }

    @Test
    void aDeploymentMayNameAStoredFilterButNotAnUnknownOne() {
        store.createIpFilter(partners(), "alice");
        store.upsert(new DeploymentsFile(List.of(), List.of(named("api", 10443, partners()))), false, "import");
        assertThat(store.ipFilter("partners-eu").orElseThrow().usedBy()).containsExactly("api");

        var unknown = new NamedIpFilter("nobody", IpFilter.ALLOW_ALL);
        assertRefused(() -> store.upsert(new DeploymentsFile(List.of(), List.of(named("x", 1, unknown))), false, "i"),
                Kind.INVALID, "ipFilter", "no IP filter is named 'nobody'");
    }
}
