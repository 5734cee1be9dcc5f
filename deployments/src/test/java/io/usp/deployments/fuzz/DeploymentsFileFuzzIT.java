package io.usp.deployments.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.usp.deployments.yaml.ConfigException;
import io.usp.deployments.yaml.DeploymentsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The deployments file ({@code ipFilters:} and {@code deployments:}, what {@code import} reads and
 * the server's YAML holds) under a coverage-guided fuzzer: any bytes either load or fail with a
 * {@link ConfigException}; anything else thrown (a stray {@code IllegalArgumentException}, a
 * stack overflow, running out of memory) is a finding. A file that loads must also survive the
 * export round trip unchanged. Seeds: {@code DeploymentsFileFuzzITInputs/load/}.
 */
class DeploymentsFileFuzzIT {

    private static Path dir;

    @BeforeAll
    static void folder() throws IOException {
        dir = Files.createTempDirectory("usp-fuzz-deployments");
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
        Path file = dir.resolve("deployments.yaml");
        Files.write(file, yaml);
        DeploymentsFile loaded;
        try {
            loaded = DeploymentsFile.load(file);
        } catch (ConfigException refused) {
            assertThat(refused.getMessage()).startsWith(file + ": ").doesNotContain("\n");
            return;
        }
        Path exported = dir.resolve("exported.yaml");
        Files.writeString(exported, loaded.toYaml());
        assertThat(DeploymentsFile.load(exported)).isEqualTo(loaded);
    }
}
