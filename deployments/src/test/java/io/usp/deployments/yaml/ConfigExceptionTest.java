package io.usp.deployments.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigExceptionTest {

    private final Path file = Path.of("/etc/usp/server.yaml");

    @Test
    void namesFileEntryAndFieldOnOneLine() {
        ConfigException e = new ConfigException(file, "deployment 'ssh-build-box'", "ipFilter.block[0]",
                "'203.0.113.0/33' has prefix length 33, more than 32");
        assertThat(e.getMessage()).isEqualTo("/etc/usp/server.yaml: deployment 'ssh-build-box', "
                + "field 'ipFilter.block[0]': '203.0.113.0/33' has prefix length 33, more than 32");
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.entry()).isEqualTo("deployment 'ssh-build-box'");
        assertThat(e.field()).isEqualTo("ipFilter.block[0]");
        assertThat(e.problem()).startsWith("'203.0.113.0/33'");
    }

    @Test
    void leavesOutWhatIsUnknown() {
        assertThat(new ConfigException(file, null, null, "file not found").getMessage())
                .isEqualTo("/etc/usp/server.yaml: file not found");
        assertThat(new ConfigException(file, null, "tunnel.port", "bad").getMessage())
                .isEqualTo("/etc/usp/server.yaml: field 'tunnel.port': bad");
        assertThat(new ConfigException(file, "deployment 'a'", null, "is empty").getMessage())
                .isEqualTo("/etc/usp/server.yaml: deployment 'a': is empty");
        assertThat(new ConfigException(null, "deployment 'a'", "name", "taken").getMessage())
                .isEqualTo("deployment 'a', field 'name': taken");
    }

    @Test
    void multiLineProblemBecomesOneLine() {
        String message = new ConfigException(file, null, null, "first\n  second\r\nthird ").getMessage();
        assertThat(message).isEqualTo("/etc/usp/server.yaml: first second third").doesNotContain("\n");
    }
}
