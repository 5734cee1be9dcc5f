package io.usp.deployments.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same bad entry read from a file and as a request body: the file's error names the file, the
 * entry and the field; the body's names only the field, since the body is the entry.
 */
class ErrorWordingTest {

    @TempDir
    Path dir;

    private JsonNode section(String yaml, String key) throws IOException {
        Path file = dir.resolve("server.yaml");
        Files.writeString(file, yaml);
        return new StrictYaml(file).read().get(key);
    }

    @Test
    void aDeploymentErrorNamesFileEntryAndFieldInAFileButOnlyTheFieldInABody() throws IOException {
        JsonNode entries = section("""
                deployments:
                  - name: web
                    listener: { port: 99999 }
                    target: { host: a, port: 80 }
                  - listener: { port: 8080 }
                    target: { host: a, port: 80 }
                """, "deployments");
        StrictYaml file = new StrictYaml(dir.resolve("server.yaml"));

        ConfigException inFile = catchThrowableOfType(ConfigException.class,
                () -> DeploymentEntry.read(file, entries.get(0), 0, Map.of()));
        assertThat(inFile.getMessage()).isEqualTo(dir.resolve("server.yaml")
                + ": deployment 'web', field 'listener.port': port 99999 is outside 0..65535");
        ConfigException unnamed = catchThrowableOfType(ConfigException.class,
                () -> DeploymentEntry.read(file, entries.get(1), 1, Map.of()));
        assertThat(unnamed.getMessage()).endsWith("server.yaml: deployments[1], field 'name': is required");

        ConfigException inBody = catchThrowableOfType(ConfigException.class,
                () -> DeploymentEntry.readBody(entries.get(0), Map.of()));
        assertThat(inBody.getMessage()).isEqualTo("field 'listener.port': port 99999 is outside 0..65535");
        assertThat(inBody.file()).isNull();
        assertThat(inBody.entry()).isNull();
        assertThat(inBody.field()).isEqualTo("listener.port");
        ConfigException bodyUnnamed = catchThrowableOfType(ConfigException.class,
                () -> DeploymentEntry.readBody(entries.get(1), Map.of()));
        assertThat(bodyUnnamed.getMessage()).isEqualTo("field 'name': is required");
    }

    @Test
    void anIpFilterErrorLikewise() throws IOException {
        JsonNode entries = section("""
                ipFilters:
                  - name: partners
                    allow: [198.51.100.0/33]
                """, "ipFilters");

        ConfigException inFile = catchThrowableOfType(ConfigException.class,
                () -> IpFilterEntry.read(new StrictYaml(dir.resolve("server.yaml")), entries.get(0), 0));
        assertThat(inFile.getMessage()).isEqualTo(dir.resolve("server.yaml")
                + ": ipFilter 'partners', field 'allow[0]': '198.51.100.0/33' has prefix length 33, more than 32");

        ConfigException inBody = catchThrowableOfType(ConfigException.class,
                () -> IpFilterEntry.readBody(entries.get(0)));
        assertThat(inBody.getMessage())
                .isEqualTo("field 'allow[0]': '198.51.100.0/33' has prefix length 33, more than 32");
    }

    @Test
    void anUnknownKeyInABodyIsNamedAsItsField() throws IOException {
        JsonNode entries = section("""
                deployments:
                  - name: web
                    listener: { port: 8080, prot: 1 }
                    target: { host: a, port: 80 }
                """, "deployments");

        ConfigException inBody = catchThrowableOfType(ConfigException.class,
                () -> DeploymentEntry.readBody(entries.get(0), Map.of()));

        assertThat(inBody.getMessage()).startsWith("field 'listener.prot': unknown key 'prot'");
    }
}
