package io.usp.server.config;

import static io.usp.server.config.ServerConfigLoaderTest.failure;
import static io.usp.server.config.ServerConfigLoaderTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tunnel.publicAddress}: the address enrollment tokens carry, when it is not the bound one. */
class PublicAddressConfigTest {

    @TempDir
    Path dir;

    private TunnelConfig tunnel(String yaml) throws Exception {
        return ServerConfigLoader.load(write(dir, "tunnel: " + yaml + "\n")).tunnel();
    }

    @Test
    void absentTokensCarryTheFirstNameAndTheBoundPort() throws Exception {
        TunnelConfig tunnel = tunnel("{ port: 0, names: [relay.example.com, 127.0.0.1] }");
        assertThat(tunnel.publicAddress()).isEmpty();
        assertThat(tunnel.addressForClients(40123)).isEqualTo(new PublicAddress("relay.example.com", 40123));
    }

    @Test
    void givenTokensCarryItsHostAndPort() throws Exception {
        TunnelConfig tunnel = tunnel("{ port: 7443, names: [localhost, relay.example.com], "
                + "publicAddress: \"relay.example.com:443\" }");
        assertThat(tunnel.publicAddress()).contains(new PublicAddress("relay.example.com", 443));
        assertThat(tunnel.addressForClients(7443)).isEqualTo(new PublicAddress("relay.example.com", 443));

        assertThat(tunnel("{ names: [\"::1\"], publicAddress: \"[::1]:7443\" }").publicAddress())
                .contains(new PublicAddress("::1", 7443));
        assertThat(tunnel("{ names: [\"[2001:db8::1]\"], publicAddress: \"[2001:db8:0:0::1]:65535\" }")
                .publicAddress()).as("the same address in another notation")
                .contains(new PublicAddress("2001:db8:0:0::1", 65535));
        assertThat(tunnel("{ names: [Relay.Example.COM], publicAddress: \"relay.example.com:1\" }").publicAddress())
                .as("DNS names compare case-insensitively, as the client's certificate check does")
                .contains(new PublicAddress("relay.example.com", 1));
    }

    @Test
    void aHostOutsideTheCertificateNamesIsRefused() throws Exception {
        failure(dir, "tunnel: { names: [relay.example.com, 203.0.113.10], publicAddress: \"lb.example.com:443\" }\n")
                .hasMessageEndingWith("server.yaml: field 'tunnel.publicAddress': host 'lb.example.com' is not one "
                        + "of tunnel.names [relay.example.com, 203.0.113.10]; clients check the server certificate "
                        + "against the host they dial, so list it there");
        failure(dir, "tunnel: { publicAddress: \"198.51.100.7:7443\" }\n")
                .hasMessageContaining("field 'tunnel.publicAddress': host '198.51.100.7' is not one of tunnel.names "
                        + "[localhost, 127.0.0.1]");
        assertThatThrownBy(() -> TunnelConfig.DEFAULTS.withPublicAddress(new PublicAddress("lb.example.com", 443)))
                .as("built in code").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host 'lb.example.com' is not one of tunnel.names [localhost, 127.0.0.1]");
    }

    @Test
    void malformedValuesSayWhatIsWrong() throws Exception {
        String[][] cases = {
            {"localhost", "'localhost' has no port; write host:port, e.g. relay.example.com:7443"},
            {"localhost:", "'localhost:' has no port"},
            {":7443", "':7443' has no host"},
            {"localhost:https", "'localhost:https' has port 'https', not a number from 1 to 65535"},
            {"localhost:7443/tcp", "has port '7443/tcp'"},
            {"localhost:0", "port 0 is outside 1..65535"},
            {"localhost:65536", "port 65536 is outside 1..65535"},
            {"::1:7443", "'::1:7443' needs its IPv6 address in brackets"},
            {"[::1", "'[::1' has no closing ']'"},
            {"[::1]", "'[::1]' has no port"},
            {"[::1]7443", "'[::1]7443' is not [address]:port"},
            {"7443", "'7443' has no port"},
        };
        for (String[] c : cases) {
            failure(dir, "tunnel: { names: [localhost, \"::1\"], publicAddress: \"" + c[0] + "\" }\n")
                    .as(c[0]).hasMessageContaining("field 'tunnel.publicAddress': ").hasMessageContaining(c[1]);
        }
        failure(dir, "tunnel: { publicAddress: [localhost, 7443] }\n")
                .hasMessageContaining("field 'tunnel.publicAddress'");
    }
}
