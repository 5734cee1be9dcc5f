package io.usp.deployments.yaml;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.deployments.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The first deployment of a YAML text written to a file, as the server reads it, or the error it gives. */
final class EntryFile {

    private final Path file;

    EntryFile(Path dir) {
        this.file = dir.resolve("test.yaml");
    }

    Deployment read(String yaml) throws IOException {
        Files.writeString(file, yaml);
        StrictYaml reader = new StrictYaml(file);
        JsonNode list = reader.read().get("deployments");
        return DeploymentEntry.read(reader, list.get(0), 0, Map.of());
    }

    /** Reading fails with {@code message} after the file's name. */
    void fails(String yaml, String message) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(ConfigException.class).hasMessage(file + ": " + message);
    }
}
