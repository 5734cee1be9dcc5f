package io.usp.deployments.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.deployments.AllowList;
import io.usp.deployments.Cidr;
import io.usp.deployments.Deployment;
import io.usp.deployments.FilterAction;
import io.usp.deployments.IpFilter;
import io.usp.deployments.Limits;
import io.usp.deployments.Listener;
import io.usp.deployments.PortRange;
import io.usp.deployments.Target;
import io.usp.deployments.route.FixedRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strict reader and the deployment / allow-rule entries, through a minimal file shape. */
class StrictYamlConfigTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("test.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private List<Deployment> deployments(String yaml) throws IOException {
        StrictYaml reader = new StrictYaml(write(yaml));
        List<Deployment> out = new ArrayList<>();
        JsonNode list = reader.read().get("deployments");
        for (int i = 0; i < list.size(); i++) {
            out.add(DeploymentEntry.read(reader, list.get(i), i, Map.of()));
        }
        return out;
    }

    private AbstractThrowableAssert<?, ?> failure(String yaml) {
        return assertThatThrownBy(() -> deployments(yaml)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve("test.yaml") + ": ");
    }

    @Test
    void minimalDeploymentTakesDefaults() throws IOException {
        Deployment d = deployments("""
                deployments:
                  - name: web
                    listener: { port: 8080 }
                    target: { host: 10.0.0.5, port: 80 }
                """).get(0);
        assertThat(d).isEqualTo(new Deployment("web", new Listener("0.0.0.0", 8080), IpFilter.ALLOW_ALL,
                Limits.NONE, new Target("10.0.0.5", 80), Optional.empty(), Deployment.DEFAULT_IDLE_TIMEOUT));
        assertThat(((FixedRoute) d.route()).direct()).isTrue();
    }

    @Test
    void filterWithoutDefaultActionBlocksAndLimitsAreEachOptional() throws IOException {
        Deployment d = deployments("""
                deployments:
                  - name: web
                    listener: { bind: 127.0.0.1, port: 0 }
                    ipFilter: { allow: ["2001:db8::/32"] }
                    limits: { maxConnectionsPerIp: 3 }
                    target: { host: web.internal, port: 443 }
                    client: agent-b
                    idleTimeout: 90s
                """).get(0);
        assertThat(d.ipFilter()).isEqualTo(new IpFilter(List.of(), List.of(Cidr.parse("2001:db8::/32")),
                FilterAction.BLOCK));
        assertThat(d.limits()).isEqualTo(new Limits(OptionalInt.empty(), OptionalInt.of(3), OptionalInt.empty()));
        assertThat(d.route()).isEqualTo(new FixedRoute(new Target("web.internal", 443), Optional.of("agent-b")));
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(d.listener().bind()).isEqualTo("127.0.0.1");
    }

    @Test
    void anEmptyIpFilterReadsAsNoneLikeAnyEmptyField() throws IOException {
        // found by DeploymentsFileFuzzIT: a null ipFilter was a NullPointerException, not a deployment
        Deployment d = deployments("""
                deployments:
                  - name: web
                    listener: { port: 8080 }
                    ipFilter:
                    limits:
                    target: { host: 10.0.0.5, port: 80 }
                """).get(0);
        assertThat(d.ipFilter()).isEqualTo(IpFilter.ALLOW_ALL);
        assertThat(d.limits()).isEqualTo(Limits.NONE);
        assertThat(d.ipFilterName()).isEmpty();
    }

    @Test
    void entryWithoutNameIsNamedByIndex() {
        failure("""
                deployments:
                  - listener: { port: 8080 }
                    target: { host: a, port: 80 }
                """).hasMessageContaining("deployments[0], field 'name': is required");
    }

    @Test
    void wrongTypesNameTheField() {
        failure("""
                deployments:
                  - name: web
                    listener: { port: "8080" }
                    target: { host: a, port: 80 }
                """).hasMessageContaining("deployment 'web', field 'listener.port': expected a whole number, got '8080'");
        failure("""
                deployments:
                  - name: web
                    listener: { port: 80.5 }
                    target: { host: a, port: 80 }
                """).hasMessageContaining("field 'listener.port': expected a whole number");
        failure("""
                deployments:
                  - name: web
                    listener: 8080
                    target: { host: a, port: 80 }
                """).hasMessageContaining("field 'listener': expected a mapping (key: value), got 8080");
        failure("""
                deployments:
                  - name: web
                    listener: { port: 8080 }
                    ipFilter: { block: 10.0.0.0/8 }
                    target: { host: a, port: 80 }
                """).hasMessageContaining("field 'ipFilter.block': expected a list, got '10.0.0.0/8'");
        failure("""
                deployments:
                  - name: web
                    listener: { port: 8080 }
                    target: { host: a, port: 99999999999 }
                """).hasMessageContaining("field 'target.port': expected a whole number, got 99999999999");
    }

    @Test
    void unknownKeyListsTheKnownOnes() {
        failure("""
                deployments:
                  - name: web
                    listener: { port: 8080, bnid: 0.0.0.0 }
                    target: { host: a, port: 80 }
                """).hasMessageContaining("deployment 'web', field 'listener.bnid': unknown key 'bnid'")
                .hasMessageContaining("bind").hasMessageContaining("port");
    }

    @Test
    void emptyListElementAndBadLimit() {
        failure("""
                deployments:
                  - name: web
                    listener: { port: 8080 }
                    ipFilter: { block: [10.0.0.0/8, ~] }
                    target: { host: a, port: 80 }
                """).hasMessageContaining("field 'ipFilter.block[1]': must not be empty");
        failure("""
                deployments:
                  - name: web
                    listener: { port: 8080 }
                    limits: { newConnectionsPerSecondPerIp: 0 }
                    target: { host: a, port: 80 }
                """).hasMessageContaining("field 'limits.newConnectionsPerSecondPerIp': must be at least 1, got 0");
        failure("""
                deployments:
                  - name: web
                    listener: { port: 8080 }
                    target: { host: "bad host", port: 80 }
                """).hasMessageContaining("field 'target.host': host 'bad host'");
        failure("""
                deployments:
                  - name: web
                    listener: { port: 8080 }
                    target: { host: a, port: 80 }
                    client: "agent a"
                """).hasMessageContaining("field 'client': client 'agent a'");
        failure("""
                deployments:
                  - name: web
                    listener: { port: 8080 }
                    target: { host: a, port: 80 }
                    idleTimeout: 0s
                """).hasMessageContaining("field 'idleTimeout': '0s' must be more than zero");
        failure("""
                deployments:
                  - ~
                """).hasMessageContaining("deployments[0]: is empty");
    }

    @Test
    void duplicateKeyIsRefusedWithItsPath() {
        failure("""
                deployments:
                  - name: web
                    listener: { port: 8080 }
                    listener: { port: 8081 }
                """).hasMessageContaining("field 'deployments[0].listener': duplicate key 'listener'");
    }

    @Test
    void syntaxErrorNamesLine() {
        failure("""
                deployments:
                  - name: web
                   listener: { port: 8080 }
                """).hasMessageContaining("YAML syntax error at line 3");
    }

    @Test
    void emptyMissingAndOddFiles() throws IOException {
        failure("").hasMessageEndingWith(": the file is empty");
        failure("# only a comment\n").hasMessageEndingWith(": the file is empty");
        failure("- a\n- b\n").hasMessageContaining("expected a mapping of keys at the top level, got a list");
        failure("a: 1\n---\nb: 2\n").hasMessageContaining("more than one YAML document");
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> new StrictYaml(missing).read())
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": file not found");
        assertThatThrownBy(() -> new StrictYaml(dir).read()).hasMessageContaining("is a folder");
    }

    @Test
    void allowEntries() throws IOException {
        StrictYaml reader = new StrictYaml(write("""
                allow:
                  - hosts: [build.internal, "*.corp.internal"]
                    ports: [22, "8000-8099"]
                  - cidrs: [10.20.0.0/16]
                    ports: [443]
                """));
        List<JsonNode> nodes = new ArrayList<>();
        reader.read().get("allow").forEach(nodes::add);
        AllowList list = AllowEntry.readAll(reader, nodes);
        assertThat(list.rules()).hasSize(2);
        assertThat(list.rules().get(0).ports()).containsExactly(new PortRange(22, 22), new PortRange(8000, 8099));
        assertThat(list.rules().get(1).cidrs()).containsExactly(Cidr.parse("10.20.0.0/16"));
        assertThat(AllowEntry.readAll(reader, List.of())).isSameAs(AllowList.NOTHING);
        assertThat(AllowEntry.readAll(reader, null)).isSameAs(AllowList.NOTHING);
    }
}
