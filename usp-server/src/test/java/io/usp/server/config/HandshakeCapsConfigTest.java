package io.usp.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp.deployments.yaml.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tunnel.maxHandshakes}, {@code maxHandshakesPerIp} and {@code helloTimeout}: defaults, values, errors. */
class HandshakeCapsConfigTest {

    @TempDir
    Path dir;

    private ServerConfig load(String tunnel) throws Exception {
        Path file = dir.resolve("server.yaml");
        Files.writeString(file, "tunnel:\n" + tunnel);
        return ServerConfigLoader.load(file);
    }

    @Test
    void absentKeysTakeTheDefaults() throws Exception {
        TunnelConfig tunnel = load("  port: 7443\n").tunnel();
        assertThat(tunnel.maxHandshakes()).isEqualTo(256);
        assertThat(tunnel.maxHandshakesPerIp()).isEqualTo(16);
        assertThat(tunnel.helloTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void givenValuesAreKept() throws Exception {
        TunnelConfig tunnel = load("  maxHandshakes: 1000\n  maxHandshakesPerIp: 50\n  helloTimeout: 500ms\n").tunnel();
        assertThat(tunnel.maxHandshakes()).isEqualTo(1000);
        assertThat(tunnel.maxHandshakesPerIp()).isEqualTo(50);
        assertThat(tunnel.helloTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> load("  maxHandshakes: 0\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("tunnel.maxHandshakes").hasMessageContaining("at least 1, got 0");
        assertThatThrownBy(() -> load("  maxHandshakesPerIp: 0\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("tunnel.maxHandshakesPerIp").hasMessageContaining("got 0");
        assertThatThrownBy(() -> load("  maxHandshakes: 8\n  maxHandshakesPerIp: 9\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tunnel.maxHandshakesPerIp")
                .hasMessageContaining("between 1 and tunnel.maxHandshakes (8), got 9");
        assertThatThrownBy(() -> load("  maxHandshakes: many\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("maxHandshakes");
        assertThatThrownBy(() -> load("  helloTimeout: 0s\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("tunnel.helloTimeout");
    }
}
