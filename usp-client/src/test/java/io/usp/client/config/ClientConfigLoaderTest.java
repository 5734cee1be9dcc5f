package io.usp.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp.client.config.ClientConfig.Reconnect;
import io.usp.client.config.ClientConfig.ServerAddress;
import io.usp.client.config.ClientConfig.TlsFiles;
import io.usp.deployments.AllowList;
import io.usp.deployments.AllowRule;
import io.usp.deployments.Cidr;
import io.usp.deployments.PortRange;
import io.usp.deployments.yaml.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigLoaderTest {

    static final String FULL = """
            name: agent-a
            server: { host: localhost, port: 7443 }
            tls: { cert: agent-a.crt, key: agent-a.key, ca: ca.crt }
            connections: 2
            connectTimeout: 10s
            pingInterval: 15s
            pingTimeout: 45s
            reconnect: { minDelay: 500ms, maxDelay: 30s }
            allow:
              - hosts: [build.internal, "*.corp.internal"]
                ports: [22, "8000-8099"]
              - cidrs: [10.20.0.0/16]
                ports: [443]
            """;

    static final String MINIMAL = """
            name: agent-a
            server: { host: relay.example.com }
            tls: { cert: agent-a.crt, key: agent-a.key, ca: ca.crt }
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void tlsFiles() throws IOException {
        for (String name : List.of("agent-a.crt", "agent-a.key", "ca.crt")) {
            Files.writeString(dir.resolve(name), "-----BEGIN PLACEHOLDER-----\n");
        }
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("client.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private AbstractThrowableAssert<?, ? extends Throwable> failure(String yaml) throws IOException {
        Path file = write(yaml);
        return assertThatThrownBy(() -> ClientConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void fullExample() throws IOException {
        Path file = write(FULL);
        ClientConfig config = ClientConfigLoader.load(file);
        Path abs = dir.toAbsolutePath();
        assertThat(config).isEqualTo(new ClientConfig(file, "agent-a", new ServerAddress("localhost", 7443),
                new TlsFiles(abs.resolve("agent-a.crt"), abs.resolve("agent-a.key"), abs.resolve("ca.crt")),
                2, Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(45),
                new Reconnect(Duration.ofMillis(500), Duration.ofSeconds(30)),
                new AllowList(List.of(
                        new AllowRule(List.of("build.internal", "*.corp.internal"), List.of(),
                                List.of(new PortRange(22, 22), new PortRange(8000, 8099))),
                        new AllowRule(List.of(), List.of(Cidr.parse("10.20.0.0/16")),
                                List.of(new PortRange(443, 443)))))));
        assertThat(config.tls().cert()).isAbsolute();
        assertThat(config.allow().permitsByName("git.corp.internal", 8042)).isTrue();
        assertThat(config.allow().permits("db", 443, InetAddress.getByName("10.20.9.9"))).isTrue();
    }

    @Test
    void defaults() throws IOException {
        ClientConfig config = ClientConfigLoader.load(write(MINIMAL));
        assertThat(config.server()).isEqualTo(new ServerAddress("relay.example.com", ServerAddress.DEFAULT_PORT));
        assertThat(config.server().port()).isEqualTo(7443);
        assertThat(config.connections()).isEqualTo(2);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.pingTimeout()).isEqualTo(Duration.ofSeconds(8));
        assertThat(config.reconnect()).isEqualTo(Reconnect.DEFAULT);
        assertThat(config.reconnect().minDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.reconnect().maxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.allow()).isSameAs(AllowList.NOTHING);
        assertThat(config.allow().permitsByName("build.internal", 22)).isFalse();
    }

    @Test
    void tlsPathsInOtherFolders() throws IOException {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        Files.writeString(pki.resolve("a.crt"), "x");
        Path ca = dir.resolve("ca.crt").toAbsolutePath();
        ClientConfig config = ClientConfigLoader.load(write(MINIMAL.replace(
                "{ cert: agent-a.crt, key: agent-a.key, ca: ca.crt }",
                "{ cert: pki/a.crt, key: ./pki/../agent-a.key, ca: " + ca + " }")));
        assertThat(config.tls()).isEqualTo(new TlsFiles(dir.toAbsolutePath().resolve("pki/a.crt"),
                dir.toAbsolutePath().resolve("agent-a.key"), ca));
    }

    @Test
    void tlsFileMissing() throws IOException {
        Files.delete(dir.resolve("agent-a.key"));
        failure(FULL).hasMessageContaining("field 'tls.key': file not found: " + dir.toAbsolutePath().resolve("agent-a.key"));
        Files.writeString(dir.resolve("agent-a.key"), "x");
        failure(MINIMAL.replace(", ca: ca.crt", "")).hasMessageContaining("field 'tls.ca': is required");
        Files.createDirectory(dir.resolve("pki"));
        failure(MINIMAL.replace("ca: ca.crt", "ca: pki"))
                .hasMessageContaining("field 'tls.ca': is a folder, not a file");
        failure(MINIMAL.replace("cert: agent-a.crt", "cert: ../elsewhere/agent-a.crt"))
                .hasMessageContaining("field 'tls.cert': file not found: "
                        + dir.toAbsolutePath().getParent().resolve("elsewhere/agent-a.crt"));
    }

    @Test
    void unknownKeys() throws IOException {
        failure(MINIMAL + "conections: 3\n")
                .hasMessageContaining("field 'conections': unknown key 'conections'")
                .hasMessageContaining("connections");
        failure(MINIMAL.replace("{ host: relay.example.com }", "{ host: relay.example.com, sni: x }"))
                .hasMessageContaining("field 'server.sni': unknown key 'sni'");
        failure(MINIMAL + "allow:\n  - hosts: [a]\n    ports: [22]\n    protocol: tcp\n")
                .hasMessageContaining("allow[0], field 'protocol': unknown key 'protocol'");
    }

    @Test
    void requiredFields() throws IOException {
        failure(MINIMAL.replace("name: agent-a\n", "")).hasMessageContaining("field 'name': is required");
        failure(MINIMAL.replace("server: { host: relay.example.com }\n", ""))
                .hasMessageContaining("field 'server': is required");
        failure(MINIMAL.replace("{ host: relay.example.com }", "{ port: 7443 }"))
                .hasMessageContaining("field 'server.host': is required");
        failure(MINIMAL.replace("name: agent-a", "name: \"agent a\""))
                .hasMessageContaining("field 'name': name 'agent a' must be");
    }

    @Test
    void numbersAndDurations() throws IOException {
        failure(MINIMAL + "connections: 17\n").hasMessageContaining("field 'connections': connections must be 1..16, got 17");
        failure(MINIMAL + "connections: 0\n").hasMessageContaining("field 'connections'");
        failure(MINIMAL + "connections: two\n")
                .hasMessageContaining("field 'connections': expected a whole number, got 'two'");
        failure(MINIMAL.replace("relay.example.com }", "relay.example.com, port: 65536 }"))
                .hasMessageContaining("field 'server.port': port 65536 is outside 1..65535");
        failure(MINIMAL + "connectTimeout: 10\n")
                .hasMessageContaining("field 'connectTimeout': '10' has no unit");
        failure(MINIMAL + "pingInterval: 1m\n")
                .hasMessageContaining("field 'pingTimeout': pingTimeout (8000 ms) must be longer than pingInterval");
        failure(MINIMAL + "reconnect: { minDelay: 1m, maxDelay: 30s }\n")
                .hasMessageContaining("field 'reconnect.maxDelay': maxDelay (30000 ms) must not be shorter");
        failure(MINIMAL + "reconnect: { minDelay: 0ms }\n")
                .hasMessageContaining("field 'reconnect.minDelay': '0ms' must be more than zero");
    }

    @Test
    void badAllowRules() throws IOException {
        failure(MINIMAL + "allow:\n  - hosts: [a]\n    ports: [22, 70000]\n")
                .hasMessageContaining("allow[0], field 'ports[1]': port 70000 is outside 1..65535");
        failure(MINIMAL + "allow:\n  - hosts: [a]\n    ports: [\"9000-8000\"]\n")
                .hasMessageContaining("allow[0], field 'ports[0]': port range 9000-8000 is reversed");
        failure(MINIMAL + "allow:\n  - hosts: [a]\n    ports: [22]\n  - cidrs: [10.0.0.0/40]\n    ports: [1]\n")
                .hasMessageContaining("allow[1], field 'cidrs[0]': '10.0.0.0/40' has prefix length 40");
        failure(MINIMAL + "allow:\n  - hosts: [a]\n")
                .hasMessageContaining("allow[0], field 'ports': is required");
        failure(MINIMAL + "allow:\n  - ports: [22]\n")
                .hasMessageContaining("allow[0]: a rule needs hosts or cidrs");
        failure(MINIMAL + "allow:\n  - hosts: [\"*\"]\n    ports: [22]\n")
                .hasMessageContaining("allow[0], field 'hosts[0]': host pattern '*'");
        failure(MINIMAL + "allow:\n  - hosts: [a]\n    ports: [true]\n")
                .hasMessageContaining("allow[0], field 'ports[0]': expected a port or a range like 8000-8099, got true");
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("client.yaml");
        assertThatThrownBy(() -> ClientConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void builtInCode() {
        TlsFiles tls = new TlsFiles(Path.of("a.crt"), Path.of("a.key"), Path.of("ca.crt"));
        assertThat(tls.cert()).isAbsolute();
        ClientConfig config = ClientConfig.of("agent-a", new ServerAddress("127.0.0.1", 40000), tls, AllowList.NOTHING);
        assertThat(config.file()).isNull();
        assertThat(config.connections()).isEqualTo(ClientConfig.DEFAULT_CONNECTIONS);
        assertThat(config.reconnect()).isEqualTo(Reconnect.DEFAULT);
        assertThatThrownBy(() -> ClientConfig.of("agent a", config.server(), tls, AllowList.NOTHING))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
