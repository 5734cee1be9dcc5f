package io.usp.deployments.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.Deployment;
import io.usp.deployments.Target;
import io.usp.deployments.route.CollectionRoute;
import io.usp.deployments.route.Mode;
import io.usp.deployments.route.RuleAction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A collection as written in YAML: its fields, the errors that name rule and field, and the way back. */
class CollectionEntryTest {

    @TempDir
    Path dir;

    private static final String ISSUE_EXAMPLE = """
            deployments:
              - name: build-services
                mode: connect
                listener: { bind: 0.0.0.0, port: 3128 }
                ipFilter: { allow: [198.51.100.0/24], defaultAction: block }
                limits: { maxConnections: 200, maxConnectionsPerIp: 20 }
                client: agent-a
                rules:
                  - { action: block,  hosts: ["*.secret.build.internal"] }
                  - { action: tunnel, hosts: ["*.build.internal", "re:^db[0-9]+\\\\.internal$"], ports: [22, "5901-5999"] }
                  - { action: tunnel, client: agent-b, cidrs: [10.20.0.0/16], ports: [443] }
                  - { action: direct, hosts: [status.example.com], ports: [443] }
                dnsOverrides: { vnc1.com: myvncservice.internal, legacy.build.internal: 10.20.1.7 }
                idleTimeout: 1h
            """;

    private Deployment read(String yaml) throws IOException {
        return new EntryFile(dir).read(yaml);
    }

    private void fails(String yaml, String message) {
        new EntryFile(dir).fails(yaml, message);
    }

    @Test
    void theIssuesExampleReadsAndDecides() throws IOException {
        Deployment d = read(ISSUE_EXAMPLE);
        CollectionRoute c = (CollectionRoute) d.route();

        assertThat(c.mode()).isEqualTo(Mode.CONNECT);
        assertThat(c.rules()).hasSize(4);
        assertThat(c.rules().get(2).client()).contains("agent-b");
        assertThat(c.clients()).containsExactly("agent-a", "agent-b");
        assertThat(c.decide(new Target("db3.internal", 22)).rule()).isEqualTo(2);
        assertThat(c.decide(new Target("db3.internal", 22)).action()).isEqualTo(RuleAction.TUNNEL);
        assertThat(c.dnsOverrides().apply(new Target("vnc1.com", 5900)).host()).isEqualTo("myvncservice.internal");
    }

    @Test
    void writtenAndReadBackItIsTheSame() throws IOException {
        Deployment d = read(ISSUE_EXAMPLE);
        String written = StrictYaml.MAPPER.writeValueAsString(Map.of("deployments", java.util.List.of(DeploymentEntry.write(d))));

        assertThat(read(written)).isEqualTo(d);
        assertThat(RouteEntry.read(RouteEntry.write(d.route()))).isEqualTo(d.route());
    }

    @Test
    void aDeploymentWithoutModeIsTcp() throws IOException {
        Deployment d = read("""
                deployments:
                  - { name: web, listener: { port: 8080 }, target: { host: web.internal, port: 80 } }
                """);
        assertThat(d.route().mode()).isEqualTo(Mode.TCP);
        assertThat(DeploymentEntry.write(d).has("mode")).as("tcp stays implicit in what is written").isFalse();
    }

    @Test
    void errorsNameTheDeploymentTheRuleAndTheField() {
        fails("""
                deployments:
                  - name: c
                    mode: socks5
                    listener: { port: 1080 }
                    client: agent-a
                    rules:
                      - { action: tunnel }
                      - { action: tunnel, hosts: [ok.internal, "re:db[0-9"] }
                """, "deployment 'c', field 'rules[1].hosts[1]': 're:db[0-9' is not a valid regular expression:"
                + " Unclosed character class near index 5");
        fails("""
                deployments:
                  - { name: c, mode: connect, listener: { port: 1 }, rules: [ { action: tunnel, hosts: [a] } ] }
                """, "deployment 'c', field 'rules[0].client': a tunnel rule needs a client: name one here or set the"
                + " deployment's client");
        fails("""
                deployments:
                  - { name: c, mode: connect, listener: { port: 1 }, target: { host: a, port: 1 }, rules: [] }
                """, "deployment 'c', field 'target': a connect collection has no fixed target: its partners name the"
                + " destination and its rules decide it");
        fails("""
                deployments:
                  - { name: t, listener: { port: 1 }, target: { host: a, port: 1 }, rules: [] }
                """, "deployment 't', field 'rules': is only for a collection (mode connect or socks5); this deployment is mode tcp");
        fails("""
                deployments:
                  - { name: c, mode: sftp, listener: { port: 1 } }
                """, "deployment 'c', field 'mode': 'sftp' is not a mode; use one of tcp, connect, socks5, ftp");
        fails("""
                deployments:
                  - { name: c, mode: connect, listener: { port: 1 }, rules: [ { action: direct, ports: ["9-1"] } ] }
                """, "deployment 'c', field 'rules[0].ports[0]': port range 9-1 is reversed");
        fails("""
                deployments:
                  - { name: c, mode: connect, listener: { port: 1 }, rules: [ { action: allow } ] }
                """, "deployment 'c', field 'rules[0].action': 'allow' is not an action; use block, direct or tunnel");
        fails("""
                deployments:
                  - { name: c, mode: connect, listener: { port: 1 }, rules: [ { action: block, client: a } ] }
                """, "deployment 'c', field 'rules[0].client': client is only for a tunnel rule, not a block rule");
        fails("""
                deployments:
                  - { name: c, mode: connect, listener: { port: 1 }, rules: [ { action: block, host: [a] } ] }
                """, "deployment 'c', field 'rules[0].host': unknown key 'host'; allowed here: action, cidrs, client,"
                + " hosts, ports");
        fails("""
                deployments:
                  - { name: c, mode: connect, listener: { port: 1 }, rules: [], dnsOverrides: { "a b": x } }
                """, "deployment 'c', field 'dnsOverrides.a b': host 'a b' is not a host name or IP address");
    }
}
