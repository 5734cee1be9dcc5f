package io.usp.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp.deployments.Cidr;
import io.usp.deployments.Deployment;
import io.usp.deployments.FilterAction;
import io.usp.deployments.IpFilter;
import io.usp.deployments.Limits;
import io.usp.deployments.Listener;
import io.usp.deployments.Target;
import io.usp.deployments.yaml.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigLoaderTest {

    static final String FULL = """
            dataDir: data
            tunnel:
              bind: 0.0.0.0
              port: 7443
              names: [localhost, 127.0.0.1]
              pingInterval: 2s
              pingTimeout: 8s
              handshakeTimeout: 10s
              helloTimeout: 3s
            limits:
              maxConnections: 10000
            deployments:
              - name: ssh-build-box
                listener: { bind: 0.0.0.0, port: 10022 }
                ipFilter:
                  block: [203.0.113.0/24]
                  allow: [198.51.100.0/24, "2001:db8::/32"]
                  defaultAction: block
                limits: { maxConnections: 100, maxConnectionsPerIp: 10, newConnectionsPerSecondPerIp: 20 }
                target: { host: build.internal, port: 22 }
                client: agent-a
                idleTimeout: 1h
            """;

    /** A valid deployment to put next to a broken one. */
    static final String WEB = """
              - name: web
                listener: { port: 8090 }
                target: { host: 10.0.0.5, port: 80 }
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return write(dir, yaml);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> failure(String yaml) throws IOException {
        return failure(dir, yaml);
    }

    /** {@code dir/server.yaml} holding {@code yaml}. */
    static Path write(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("server.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** The error loading {@code yaml} from {@code dir}, checked to name the file first and to be one line. */
    static AbstractThrowableAssert<?, ? extends Throwable> failure(Path dir, String yaml) throws IOException {
        Path file = write(dir, yaml);
        return assertThatThrownBy(() -> ServerConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void fullExample() throws IOException {
        Path file = write(FULL);
        ServerConfig config = ServerConfigLoader.load(file);
        assertThat(config.file()).isEqualTo(file);
        assertThat(config.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("data"));
        assertThat(config.tunnel()).isEqualTo(TunnelConfig.DEFAULTS);
        assertThat(config.maxConnections()).isEqualTo(10_000);
        assertThat(config.deployments()).containsExactly(new Deployment("ssh-build-box",
                new Listener("0.0.0.0", 10022),
                new IpFilter(List.of(Cidr.parse("203.0.113.0/24")),
                        List.of(Cidr.parse("198.51.100.0/24"), Cidr.parse("2001:db8::/32")), FilterAction.BLOCK),
                new Limits(OptionalInt.of(100), OptionalInt.of(10), OptionalInt.of(20)),
                new Target("build.internal", 22), Optional.of("agent-a"), Duration.ofHours(1)));
    }

    @Test
    void defaults() throws IOException {
        ServerConfig config = ServerConfigLoader.load(write("deployments: []\n"));
        assertThat(config.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("data"));
        assertThat(config.tunnel()).isEqualTo(new TunnelConfig("0.0.0.0", 7443, List.of("localhost", "127.0.0.1"),
                Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(10)));
        assertThat(config.maxConnections()).isEqualTo(ServerConfig.DEFAULT_MAX_CONNECTIONS);
        assertThat(config.deployments()).isEmpty();
        assertThat(ServerConfigLoader.load(write("tunnel: { port: 0 }\n")).tunnel().port()).isZero();
    }

    @Test
    void absoluteDataDirAndPartialTunnel() throws IOException {
        Path data = dir.resolve("elsewhere").toAbsolutePath();
        ServerConfig config = ServerConfigLoader.load(write("dataDir: " + data + "\n"
                + "tunnel: { port: 9443, pingInterval: 5s, names: [relay.example.com] }\n"));
        assertThat(config.dataDir()).isEqualTo(data);
        assertThat(config.tunnel()).isEqualTo(new TunnelConfig("0.0.0.0", 9443, List.of("relay.example.com"),
                Duration.ofSeconds(5), Duration.ofSeconds(8), Duration.ofSeconds(10)));
    }

    @Test
    void unknownKeyAtTopLevel() throws IOException {
        failure("deploymnets: []\n")
                .hasMessageContaining("field 'deploymnets': unknown key 'deploymnets'")
                .hasMessageContaining("deployments");
    }

    @Test
    void unknownKeyNested() throws IOException {
        failure("tunnel: { port: 7443, pingIntervall: 5s }\n")
                .hasMessageContaining("field 'tunnel.pingIntervall': unknown key");
        failure("deployments:\n" + WEB + """
                  - name: ssh-build-box
                    listener: { port: 10022 }
                    target: { host: build.internal, port: 22, proto: tcp }
                """).hasMessageContaining("deployment 'ssh-build-box', field 'target.proto': unknown key 'proto'");
        failure("deployments:\n" + WEB + """
                  - name: ssh-build-box
                    listener: { port: 10022 }
                    ipFilter: { deny: [10.0.0.0/8] }
                    target: { host: build.internal, port: 22 }
                """).hasMessageContaining("deployment 'ssh-build-box', field 'ipFilter.deny': unknown key 'deny'");
    }

    @Test
    void badCidr() throws IOException {
        failure(FULL.replace("[203.0.113.0/24]", "[203.0.113.0/33]"))
                .hasMessageEndingWith("server.yaml: deployment 'ssh-build-box', field 'ipFilter.block[0]': "
                        + "'203.0.113.0/33' has prefix length 33, more than 32");
        failure(FULL.replace("198.51.100.0/24,", "partner.example.com,"))
                .hasMessageContaining("deployment 'ssh-build-box', field 'ipFilter.allow[0]': 'partner.example.com'");
    }

    @Test
    void portOutOfRange() throws IOException {
        failure(FULL.replace("port: 10022", "port: 70000"))
                .hasMessageContaining("deployment 'ssh-build-box', field 'listener.port': port 70000 is outside 0..65535");
        failure(FULL.replace("port: 22 }", "port: 0 }"))
                .hasMessageContaining("deployment 'ssh-build-box', field 'target.port': port 0 is outside 1..65535");
        failure(FULL.replace("port: 7443", "port: -1"))
                .hasMessageContaining("field 'tunnel.port': port -1 is outside 0..65535");
    }

    @Test
    void duplicateName() throws IOException {
        failure("deployments:\n" + WEB + WEB.replace("8090", "8091"))
                .hasMessageContaining("deployment 'web', field 'name': another deployment has the same name");
    }

    @Test
    void duplicatePortRegardlessOfBind() throws IOException {
        failure("deployments:\n" + WEB + """
                  - name: ssh-build-box
                    listener: { bind: 127.0.0.1, port: 8090 }
                    target: { host: build.internal, port: 22 }
                """).hasMessageContaining("deployment 'ssh-build-box', field 'listener.port': "
                + "port 8090 is already used by deployment 'web'");
    }

    @Test
    void portZeroNeverClashes() throws IOException {
        ServerConfig config = ServerConfigLoader.load(write("tunnel: { port: 0 }\ndeployments:\n"
                + WEB.replace("8090", "0") + WEB.replace("web", "web2").replace("8090", "0")));
        assertThat(config.deployments()).extracting(Deployment::name).containsExactly("web", "web2");
    }

    @Test
    void deploymentOnTheTunnelPort() throws IOException {
        failure("tunnel: { port: 8090 }\ndeployments:\n" + WEB)
                .hasMessageContaining("deployment 'web', field 'listener.port': port 8090 is the tunnel port");
        failure("deployments:\n" + WEB.replace("8090", "7443"))
                .hasMessageContaining("deployment 'web', field 'listener.port': port 7443 is the tunnel port");
    }

    @Test
    void badDuration() throws IOException {
        failure(FULL.replace("idleTimeout: 1h", "idleTimeout: 3600"))
                .hasMessageContaining("deployment 'ssh-build-box', field 'idleTimeout': '3600' has no unit")
                .hasMessageContaining("ms, s, m, h or d");
        failure(FULL.replace("handshakeTimeout: 10s", "handshakeTimeout: 10 sec"))
                .hasMessageContaining("field 'tunnel.handshakeTimeout': '10 sec' is not a duration");
    }

    @Test
    void pingTimeoutMustExceedPingInterval() throws IOException {
        failure("tunnel: { pingInterval: 1m, pingTimeout: 45s }\n")
                .hasMessageContaining("field 'tunnel.pingTimeout': pingTimeout (45000 ms) must be longer than "
                        + "pingInterval (60000 ms)");
    }

    @Test
    void badDefaultAction() throws IOException {
        failure(FULL.replace("defaultAction: block", "defaultAction: deny"))
                .hasMessageContaining("deployment 'ssh-build-box', field 'ipFilter.defaultAction': "
                        + "'deny' is neither allow nor block");
        failure(FULL.replace("defaultAction: block", "defaultAction: BLOCK"))
                .hasMessageContaining("field 'ipFilter.defaultAction'");
    }

    @Test
    void missingRequiredField() throws IOException {
        failure(FULL.replace("target: { host: build.internal, port: 22 }", "target: { port: 22 }"))
                .hasMessageContaining("deployment 'ssh-build-box', field 'target.host': is required");
        failure(FULL.replace("listener: { bind: 0.0.0.0, port: 10022 }", "listener: { bind: 0.0.0.0 }"))
                .hasMessageContaining("deployment 'ssh-build-box', field 'listener.port': is required");
        failure(FULL.replace("    target: { host: build.internal, port: 22 }\n", ""))
                .hasMessageContaining("deployment 'ssh-build-box', field 'target': is required");
        failure("deployments:\n" + WEB + "  - listener: { port: 1 }\n    target: { host: a, port: 1 }\n")
                .hasMessageContaining("deployments[1], field 'name': is required");
    }

    @Test
    void badServerWideLimitAndTunnelNames() throws IOException {
        failure("limits: { maxConnections: 0 }\n")
                .hasMessageContaining("field 'limits.maxConnections': must be at least 1, got 0");
        failure("tunnel: { names: [] }\n")
                .hasMessageContaining("field 'tunnel.names': must list at least one name");
        failure("tunnel: { names: [localhost, \"my host\"] }\n")
                .hasMessageContaining("field 'tunnel.names[1]'");
    }

    @Test
    void missingFileAndEmptyFile() throws IOException {
        Path missing = dir.resolve("nowhere.yaml");
        assertThatThrownBy(() -> ServerConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": file not found")
                .extracting(e -> ((ConfigException) e).file()).isEqualTo(missing);
        failure("").hasMessageEndingWith("server.yaml: the file is empty");
        failure("dataDir: \"\"\n").hasMessageContaining("field 'dataDir': must not be empty");
    }

    @Test
    void builtInCodeWithoutFile() {
        Deployment web = new Deployment("web", new Listener("127.0.0.1", 0), IpFilter.ALLOW_ALL, Limits.NONE,
                new Target("127.0.0.1", 80), Optional.empty(), Deployment.DEFAULT_IDLE_TIMEOUT);
        ServerConfig config = ServerConfig.of(Path.of("data"), TunnelConfig.DEFAULTS.withPort(0), List.of(web));
        assertThat(config.file()).isNull();
        assertThat(config.dataDir()).isAbsolute();
        assertThat(config.tunnel().port()).isZero();
        assertThat(config.deployment("web")).contains(web);
        assertThat(config.deployment("other")).isEmpty();
        assertThatThrownBy(() -> config.withDeployments(List.of(web, web)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("deployment 'web', field 'name': another deployment has the same name");
    }
}
