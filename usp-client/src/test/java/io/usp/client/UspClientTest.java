package io.usp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp.client.config.ClientConfig;
import io.usp.deployments.AllowList;
import io.usp.deployments.yaml.ConfigException;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.ClientCredentials;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UspClientTest {

    @TempDir
    Path dir;

    private ClientConfig config(String name) throws Exception {
        ClientCredentials creds = CertificateAuthority.loadOrCreate(dir.resolve("ca")).issueClient("agent-a", dir);
        return ClientConfig.of(name, new ClientConfig.ServerAddress("127.0.0.1", 7443),
                new ClientConfig.TlsFiles(creds.certFile(), creds.keyFile(), creds.caFile()), AllowList.NOTHING);
    }

    @Test
    void nameOtherThanTheCertificatesIsAConfigError() throws Exception {
        assertThatThrownBy(() -> UspClient.requireNameMatchesCertificate(config("agent-b")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).field()).isEqualTo("name"))
                .hasMessageContaining("'agent-b'")
                .hasMessageContaining("issued to 'agent-a'");
    }

    @Test
    void matchingNamePasses() throws Exception {
        ClientConfig matching = config("agent-a");
        assertThatCode(() -> UspClient.requireNameMatchesCertificate(matching)).doesNotThrowAnyException();
    }
}
