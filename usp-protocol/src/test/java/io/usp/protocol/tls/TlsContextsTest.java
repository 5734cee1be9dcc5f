package io.usp.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.usp.protocol.Protocol;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.ClientCredentials;
import io.usp.protocol.pki.ServerIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real TLS 1.3 handshakes on 127.0.0.1 with each provider this machine has. */
class TlsContextsTest {

    @TempDir
    Path dir;

    private CertificateAuthority ca;
    private ServerIdentity server;
    private ClientCredentials agent;

    static Stream<SslProvider> providers() {
        return TlsContexts.provider() == SslProvider.OPENSSL
                ? Stream.of(SslProvider.JDK, SslProvider.OPENSSL)
                : Stream.of(SslProvider.JDK);
    }

    @BeforeEach
    void issue() throws Exception {
        ca = CertificateAuthority.loadOrCreate(dir.resolve("server-data"));
        server = ca.serverIdentity(List.of("localhost", "127.0.0.1"));
        agent = ca.issueClient("agent-a", dir.resolve("agent"));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void mutualHandshakeAgreesOnUspAndNamesTheClient(SslProvider provider) throws Exception {
        try (HandshakeHarness harness = new HandshakeHarness(serverContext(provider))) {
            SslContext client = TlsContexts.tunnelClient(agent.certFile(), agent.keyFile(), agent.caFile(), provider);

            HandshakeHarness.Outcome clientSide = harness.connect(
                    ch -> TlsContexts.clientHandler(client, ch.alloc(), "localhost", harness.port()));
            HandshakeHarness.Outcome serverSide = harness.serverOutcome();

            assertThat(clientSide.failure()).isNull();
            assertThat(clientSide.tlsVersion()).isEqualTo("TLSv1.3");
            assertThat(clientSide.alpn()).isEqualTo(Protocol.ALPN);
            assertThat(clientSide.peerName()).isEqualTo("localhost");
            assertThat(serverSide.failure()).isNull();
            assertThat(serverSide.alpn()).isEqualTo(Protocol.ALPN);
            assertThat(serverSide.peerName()).isEqualTo("agent-a");
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void serverAddressedByIpIsVerifiedAgainstIpNames(SslProvider provider) throws Exception {
        try (HandshakeHarness harness = new HandshakeHarness(serverContext(provider))) {
            SslContext client = TlsContexts.tunnelClient(agent.certFile(), agent.keyFile(), agent.caFile(), provider);

            HandshakeHarness.Outcome clientSide = harness.connect(
                    ch -> TlsContexts.clientHandler(client, ch.alloc(), "127.0.0.1", harness.port()));

            assertThat(clientSide.failure()).isNull();
            assertThat(harness.serverOutcome().peerName()).isEqualTo("agent-a");
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void clientCertificateFromAnotherCaIsRefused(SslProvider provider) throws Exception {
        CertificateAuthority stranger = CertificateAuthority.loadOrCreate(dir.resolve("stranger"));
        ClientCredentials forged = stranger.issueClient("agent-a", dir.resolve("forged"));
        try (HandshakeHarness harness = new HandshakeHarness(serverContext(provider))) {
            // Trusts the right server, but insists on a certificate the server's CA never signed.
            SslContext client = clientBuilder(provider).keyManager(new InsistentKeyManager(forged))
                    .applicationProtocolConfig(alpn(Protocol.ALPN)).build();

            harness.connect(ch -> TlsContexts.clientHandler(client, ch.alloc(), "localhost", harness.port()));

            assertThat(harness.serverOutcome().failure())
                    .isInstanceOf(SSLException.class)
                    .hasStackTraceContaining("PKIX path building failed");
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void clientWithoutCertificateIsRefused(SslProvider provider) throws Exception {
        try (HandshakeHarness harness = new HandshakeHarness(serverContext(provider))) {
            SslContext client = clientBuilder(provider).applicationProtocolConfig(alpn(Protocol.ALPN)).build();

            harness.connect(ch -> TlsContexts.clientHandler(client, ch.alloc(), "localhost", harness.port()));

            assertThat(harness.serverOutcome().failure()).isInstanceOf(SSLException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void serverWithCertificateForAnotherNameIsRefused(SslProvider provider) throws Exception {
        try (HandshakeHarness harness = new HandshakeHarness(serverContext(provider))) {
            SslContext client = TlsContexts.tunnelClient(agent.certFile(), agent.keyFile(), agent.caFile(), provider);

            HandshakeHarness.Outcome clientSide = harness.connect(
                    ch -> TlsContexts.clientHandler(client, ch.alloc(), "other.example", harness.port()));

            assertThat(clientSide.failure()).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void peerOfferingAnotherProtocolIsNotAccepted(SslProvider provider) throws Exception {
        assertServerRejectsAlpn(provider, clientBuilder(provider)
                .keyManager(agent.certFile().toFile(), agent.keyFile().toFile())
                .applicationProtocolConfig(alpn("h2"))
                .build());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void peerOfferingNoAlpnIsNotAccepted(SslProvider provider) throws Exception {
        assertServerRejectsAlpn(provider, clientBuilder(provider)
                .keyManager(agent.certFile().toFile(), agent.keyFile().toFile())
                .build());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void tls12ClientIsRefused(SslProvider provider) throws Exception {
        try (HandshakeHarness harness = new HandshakeHarness(serverContext(provider))) {
            SslContext client = SslContextBuilder.forClient().sslProvider(provider).protocols("TLSv1.2")
                    .trustManager(ca.caFile().toFile())
                    .keyManager(agent.certFile().toFile(), agent.keyFile().toFile())
                    .applicationProtocolConfig(alpn(Protocol.ALPN)).build();

            HandshakeHarness.Outcome clientSide = harness.connect(
                    ch -> TlsContexts.clientHandler(client, ch.alloc(), "localhost", harness.port()));

            assertThat(clientSide.failure()).isInstanceOf(SSLException.class);
            assertThat(harness.serverOutcome().failure()).isInstanceOf(SSLException.class);
        }
    }

    @Test
    void providerNameSaysWhichImplementationRuns() {
        assertThat(TlsContexts.providerName())
                .isEqualTo(TlsContexts.provider() == SslProvider.OPENSSL ? "OpenSSL (BoringSSL)" : "JDK");
    }

    /** Either the handshake itself fails (JDK), or it ends without usp/1 and requireAlpn refuses it. */
    private void assertServerRejectsAlpn(SslProvider provider, SslContext client) throws Exception {
        try (HandshakeHarness harness = new HandshakeHarness(serverContext(provider))) {
            harness.connect(ch -> TlsContexts.clientHandler(client, ch.alloc(), "localhost", harness.port()));

            assertThat(harness.serverOutcome().failure()).isInstanceOf(SSLHandshakeException.class);
        }
    }

    private SslContext serverContext(SslProvider provider) throws SSLException {
        return TlsContexts.tunnelServer(server.certFile(), server.keyFile(), server.caFile(), provider);
    }

    private SslContextBuilder clientBuilder(SslProvider provider) {
        return SslContextBuilder.forClient().sslProvider(provider).protocols("TLSv1.3")
                .trustManager(ca.caFile().toFile());
    }

    private static ApplicationProtocolConfig alpn(String protocol) {
        return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT, protocol);
    }
}
