package io.usp.deployments.store;

import static io.usp.deployments.store.Fixtures.direct;
import static io.usp.deployments.store.Fixtures.named;
import static io.usp.deployments.store.Fixtures.partners;
import static io.usp.deployments.store.Fixtures.tunnelled;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.FilterAction;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.yaml.DeploymentsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code usp-server export} then {@code usp-server import} into another database gives back exactly the same. */
class ExportImportTest extends StoreTest {

    @Test
    void exportThenImportIsExact(@TempDir Path tmp) throws Exception {
        NamedIpFilter office = new NamedIpFilter("office", Fixtures.filter(List.of(), List.of("192.0.2.0/24"),
                FilterAction.ALLOW));
        String yaml;
        DeploymentsFile exported;
        try (Database source = database("export", new TestClock())) {
            DeploymentStore store = source.deployments();
            store.createIpFilter(partners(), "alice");
            store.createIpFilter(office, "alice"); // used by nobody, exported all the same
            store.create(tunnelled("ssh", 10022), "alice"); // inline filter, limits, manual, disabled, tunnelled
            store.create(named("api", 10443, partners()), "alice");
            store.create(direct("web", 10080), "alice");
            store.create(named("desk", 0, office), "alice");
            exported = store.export();
            yaml = exported.toYaml();
        }
        assertThat(exported.ipFilters()).extracting(NamedIpFilter::name).containsExactly("office", "partners-eu");
        assertThat(exported.deployments()).extracting(d -> d.name()).containsExactly("api", "desk", "ssh", "web");
        assertThat(yaml).contains("ipFilter: partners-eu", "startMode: manual", "enabled: false",
                "maxConnectionsPerIp: 10", "client: agent-a");

        Path file = tmp.resolve("deployments.yaml");
        Files.writeString(file, yaml);
        DeploymentsFile loaded = DeploymentsFile.load(file);
        assertThat(loaded).isEqualTo(exported);

        try (Database target = database("import", new TestClock())) {
            target.deployments().upsert(loaded, false, "import");
            DeploymentsFile reexported = target.deployments().export();
            assertThat(reexported).isEqualTo(exported);
            assertThat(reexported.toYaml()).isEqualTo(yaml);
            assertThat(target.deployments().deployments()).noneMatch(StoredDeployment::managedByFile);
            assertThat(target.audit().recent(100)).hasSize(6).allMatch(e -> e.actor().equals("import"));
        }
    }
}
