package io.usp.server.config;

import static io.usp.server.config.ServerConfigLoaderTest.failure;
import static io.usp.server.config.ServerConfigLoaderTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin.maxConnectionsPerIp} and {@code admin.requestTimeout}: what one address may take of the admin server. */
class AdminLimitsConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAndGivenValues() throws Exception {
        AdminConfig defaults = ServerConfigLoader.load(write(dir, "admin: { port: 8081 }\n")).admin();
        assertThat(defaults.maxConnectionsPerIp()).isEqualTo(32);
        assertThat(defaults.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
        AdminConfig given = ServerConfigLoader.load(write(dir,
                "admin: { maxConnectionsPerIp: 4, requestTimeout: 5s }\n")).admin();
        assertThat(given.maxConnectionsPerIp()).isEqualTo(4);
        assertThat(given.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void badValuesAreErrorsThatNameTheField() throws Exception {
        failure(dir, "admin: { maxConnectionsPerIp: 0 }\n")
                .hasMessageContaining("field 'admin.maxConnectionsPerIp': must be at least 1, got 0");
        failure(dir, "admin: { requestTimeout: 0s }\n")
                .hasMessageContaining("field 'admin.requestTimeout': '0s' must be more than zero");
        failure(dir, "admin: { requestTimeoutt: 5s }\n").hasMessageContaining("requestTimeoutt");
    }
}
