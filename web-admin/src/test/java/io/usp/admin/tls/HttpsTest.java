package io.usp.admin.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.usp.admin.AdminContext;
import io.usp.admin.AdminServer;
import io.usp.admin.AdminSettings;
import io.usp.admin.FakeRunningServer;
import io.usp.admin.MutableClock;
import io.usp.deployments.store.Database;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin server on HTTPS with a PEM certificate and PKCS#8 key, as the server's CA writes them. */
class HttpsTest {

    @TempDir
    Path dir;

    @Test
    void servesHttpsAndMarksTheSessionCookieSecure() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X509Certificate cert = selfSigned(pair);
        Path certFile = dir.resolve("admin.crt");
        Path keyFile = dir.resolve("admin.key");
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(cert);
        }
        Files.writeString(certFile, pem.toString());
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");

        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (Database database = Database.inMemory("https-" + UUID.randomUUID(), clock)) {
            AdminContext context = new AdminContext(database.deployments(), database.admins(), database.audit(),
                    database.history(), database.clients(), database.partners(),
                    new FakeRunningServer(database.deployments()), clock, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            AdminSettings settings = new AdminSettings("127.0.0.1", 0, Optional.of(new TlsFiles(certFile, keyFile)));
            try (AdminServer server = AdminServer.start(settings, context, List.of())) {
                HttpClient client = HttpClient.newBuilder().sslContext(trusting(cert)).build();
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + server.port() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);

                HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + server.port() + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(login.headers().allValues("Set-Cookie")).singleElement().satisfies(
                        cookie -> assertThat(cookie).startsWith("usp_login_csrf=").contains("; Secure"));
            }
        }
    }

    private static X509Certificate selfSigned(KeyPair pair) throws Exception {
        X500Name name = new X500Name("CN=usp-admin-test");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minusSeconds(60)),
                Date.from(now.plusSeconds(3600)), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    private static SSLContext trusting(X509Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("admin", cert);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
