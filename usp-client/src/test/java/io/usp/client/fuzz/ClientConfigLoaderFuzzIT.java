package io.usp.client.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.usp.client.config.ClientConfig;
import io.usp.client.config.ClientConfigLoader;
import io.usp.deployments.yaml.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The client's YAML file under a coverage-guided fuzzer: any bytes either load or fail with a
 * {@link ConfigException} on one line that names the file; anything else thrown (a stray
 * {@code IllegalArgumentException}, a stack overflow, running out of memory) is a finding. The TLS
 * files the seeds name exist (the loader checks only that they are readable files). Seeds:
 * {@code ClientConfigLoaderFuzzITInputs/load/}.
 */
class ClientConfigLoaderFuzzIT {

    private static final List<String> TLS_FILES = List.of("agent-a.crt", "agent-a.key", "ca.crt");

    private static Path dir;

    @BeforeAll
    static void folder() throws IOException {
        dir = Files.createTempDirectory("usp-fuzz-client-config");
        for (String name : TLS_FILES) {
            Files.writeString(dir.resolve(name), "-----BEGIN PLACEHOLDER-----\n");
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @FuzzTest(maxDuration = "5s")
    void load(byte[] yaml) throws IOException {
        Path file = dir.resolve("client.yaml");
        Files.write(file, yaml);
        ClientConfig config;
        try {
            config = ClientConfigLoader.load(file);
        } catch (ConfigException refused) {
            assertThat(refused.getMessage()).startsWith(file + ": ").doesNotContain("\n");
            return;
        }
        assertThat(config.file()).isEqualTo(file);
        assertThat(config.pingTimeout()).isGreaterThan(config.pingInterval());
        assertThat(config.reconnect().maxDelay()).isGreaterThanOrEqualTo(config.reconnect().minDelay());
    }
}
