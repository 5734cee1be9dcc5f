package io.usp.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.usp.protocol.Protocol;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.Fingerprints;
import io.usp.protocol.pki.ServerIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An enrolling client trusts the server only through the CA fingerprint its token carries. */
class PinnedCaTrustTest {

    @TempDir
    Path dir;

    private CertificateAuthority ca;
    private ServerIdentity server;

    static Stream<SslProvider> providers() {
        return TlsContextsTest.providers();
    }

    @BeforeEach
    void issue() throws Exception {
        ca = CertificateAuthority.loadOrCreate(dir.resolve("server-data"));
        server = ca.serverIdentity(List.of("localhost", "127.0.0.1"));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void theRightFingerprintFindsTheCaTheServerSends(SslProvider provider) throws Exception {
        PinnedCaTrust trust = new PinnedCaTrust(ca.fingerprint());
        try (HandshakeHarness harness = new HandshakeHarness(serverContext(provider))) {
            SslContext client = EnrollTls.pinned(trust, provider);

            HandshakeHarness.Outcome outcome = harness.connect(
                    ch -> TlsContexts.clientHandler(client, ch.alloc(), "127.0.0.1", harness.port()));

            assertThat(outcome.failure()).isNull();
            assertThat(outcome.alpn()).isEqualTo(Protocol.ENROLL_ALPN);
            assertThat(trust.ca()).contains(ca.certificate());
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void anotherFingerprintFailsTheHandshake(SslProvider provider) throws Exception {
        CertificateAuthority other = CertificateAuthority.loadOrCreate(dir.resolve("other"));
        PinnedCaTrust trust = new PinnedCaTrust(other.fingerprint());
        try (HandshakeHarness harness = new HandshakeHarness(serverContext(provider))) {
            SslContext client = EnrollTls.pinned(trust, provider);

            HandshakeHarness.Outcome outcome = harness.connect(
                    ch -> TlsContexts.clientHandler(client, ch.alloc(), "127.0.0.1", harness.port()));

            assertThat(outcome.failure()).isNotNull().hasStackTraceContaining("no CA with the token's fingerprint");
            assertThat(trust.ca()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void theRightCaDoesNotExcuseAWrongServerName(SslProvider provider) throws Exception {
        PinnedCaTrust trust = new PinnedCaTrust(ca.fingerprint().toUpperCase());
        try (HandshakeHarness harness = new HandshakeHarness(serverContext(provider))) {
            SslContext client = EnrollTls.pinned(trust, provider);

            HandshakeHarness.Outcome outcome = harness.connect(
                    ch -> TlsContexts.clientHandler(client, ch.alloc(), "other.example", harness.port()));

            assertThat(outcome.failure()).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void theServerSendsItsCaInItsChain(SslProvider provider) throws Exception {
        PinnedCaTrust trust = new PinnedCaTrust(Fingerprints.sha256(ca.certificate()));
        try (HandshakeHarness harness = new HandshakeHarness(serverContext(provider))) {
            SslContext client = EnrollTls.pinned(trust, provider);
            java.util.concurrent.atomic.AtomicReference<io.netty.handler.ssl.SslHandler> handler =
                    new java.util.concurrent.atomic.AtomicReference<>();

            harness.connect(ch -> {
                handler.set(TlsContexts.clientHandler(client, ch.alloc(), "localhost", harness.port()));
                return handler.get();
            });

            java.security.cert.Certificate[] chain = handler.get().engine().getSession().getPeerCertificates();
            assertThat(chain).hasSize(2);
            assertThat(chain[1]).isEqualTo(ca.certificate());
        }
    }

    private SslContext serverContext(SslProvider provider) throws Exception {
        return TlsContexts.tunnelServer(server.certFile(), server.keyFile(), server.caFile(), provider);
    }
}
