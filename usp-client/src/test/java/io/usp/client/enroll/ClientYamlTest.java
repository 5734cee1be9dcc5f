package io.usp.client.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp.client.config.ClientConfig;
import io.usp.client.config.ClientConfigLoader;
import io.usp.protocol.pki.CertificateAuthority;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client.yaml enrollment writes loads as it is, with an allow-list that allows nothing. */
class ClientYamlTest {

    @TempDir
    Path dir;

    @Test
    void theWrittenFileLoadsWithAnEmptyAllowList() throws Exception {
        CertificateAuthority.loadOrCreate(dir.resolve("server")).issueClient("agent-a", dir);
        Path file = dir.resolve("client.yaml");

        ClientYaml.write(file, "agent-a", "usp.example.net", 7443);
        ClientConfig config = ClientConfigLoader.load(file);

        assertThat(config.name()).isEqualTo("agent-a");
        assertThat(config.server()).isEqualTo(new ClientConfig.ServerAddress("usp.example.net", 7443));
        assertThat(config.tls().key()).isEqualTo(dir.resolve("agent-a.key").toAbsolutePath().normalize());
        assertThat(config.allow().rules()).isEmpty();
        assertThat(config.allow().permitsByName("usp.example.net", 7443)).isFalse();
    }

    @Test
    void anIpv6ServerIsQuotedAndAnExistingFileIsNeverReplaced() throws Exception {
        CertificateAuthority.loadOrCreate(dir.resolve("server")).issueClient("agent-b", dir);
        Path file = dir.resolve("client.yaml");

        ClientYaml.write(file, "agent-b", "2001:db8::1", 7443);

        assertThat(ClientConfigLoader.load(file).server().host()).isEqualTo("2001:db8::1");
        assertThatThrownBy(() -> ClientYaml.write(file, "agent-b", "h", 1))
                .isInstanceOf(FileAlreadyExistsException.class);
    }
}
