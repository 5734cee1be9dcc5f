package io.usp.client;

import io.netty.channel.EventLoopGroup;
import io.usp.client.config.ClientConfig;
import io.usp.client.dial.Dialer;
import io.usp.client.dial.TunnelTls;
import io.usp.client.renew.Renewer;
import io.usp.client.target.StreamInitializer;
import io.usp.deployments.yaml.ConfigException;
import io.usp.protocol.pki.ClientCredentials;
import io.usp.protocol.pki.Pem;
import io.usp.protocol.target.TargetConnector;
import io.usp.protocol.tls.TlsContexts;
import io.usp.protocol.transport.Transport;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running client: several tunnel connections to one server, each kept up by a dialer. */
public final class UspClient implements AutoCloseable {

    private final AtomicBoolean closed = new AtomicBoolean();

    private static final Logger LOG = LoggerFactory.getLogger(UspClient.class);

    private final EventLoopGroup group;
    private final TargetConnector connector;
    private final List<Dialer> dialers = new ArrayList<>();
    private Renewer renewer;

    private UspClient(ClientConfig config) {
        this.group = Transport.group(0, "usp-client");
        this.connector = new TargetConnector(config.connectTimeout());
    }

    public static UspClient start(ClientConfig config, Clock clock) throws IOException {
        requireNameMatchesCertificate(config);
        requireKeyMatchesCertificate(config);
        requireCertificateFromCa(config);
        TunnelTls tls = TunnelTls.load(config.tls());
        UspClient client = new UspClient(config);
        client.renewer = new Renewer(config, tls, clock);
        StreamInitializer streams = new StreamInitializer(config.name(), config.allow(), client.connector, clock);
        for (int i = 0; i < config.connections(); i++) {
            Dialer dialer = new Dialer(i, config, client.group, tls, streams, client.connector, clock);
            client.dialers.add(dialer);
            dialer.start();
        }
        client.renewer.start();
        if (config.allow().rules().isEmpty()) {
            LOG.warn("the allow-list is empty: this client refuses every target until 'allow:' in {} lists some",
                    config.file());
        }
        LOG.info("usp-client {} dialling {}:{} with {} connections, tls={}, transport={}", config.name(),
                config.server().host(), config.server().port(), config.connections(), TlsContexts.providerName(),
                Transport.name());
        return client;
    }

    /**
     * The server knows a client only by its certificate's CN; a different {@code name} in the
     * config would make this client's logs disagree with the server's, so it is refused.
     */
    static void requireNameMatchesCertificate(ClientConfig config) throws IOException {
        String issuedTo = TlsContexts.commonName(Pem.readCertificate(config.tls().cert()));
        if (!config.name().equals(issuedTo)) {
            throw new ConfigException(config.file(), null, "name", "is '" + config.name() + "' but the certificate "
                    + config.tls().cert() + " was issued to '" + issuedTo + "'; use the name the certificate was issued to");
        }
    }

    static void requireKeyMatchesCertificate(ClientConfig config) throws IOException {
        ClientCredentials files = new ClientCredentials(config.tls().cert(), config.tls().key(), config.tls().ca());
        if (!files.keyMatchesCertificate()) {
            throw new ConfigException(config.file(), null, "tls.key", config.tls().key()
                    + " is not the key of the certificate " + config.tls().cert()
                    + " (was a renewal interrupted?); enroll again with a new token");
        }
    }

    /**
     * The server only takes certificates its own CA issued, and a client's TLS stack does not even
     * offer one from another CA: the server would see no certificate at all. Said here, plainly.
     */
    static void requireCertificateFromCa(ClientConfig config) throws IOException {
        X509Certificate certificate = Pem.readCertificate(config.tls().cert());
        X509Certificate ca = Pem.readCertificate(config.tls().ca());
        try {
            certificate.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new ConfigException(config.file(), null, "tls.ca", "the certificate " + config.tls().cert()
                    + " was not issued by the CA in " + config.tls().ca() + " (it was issued by "
                    + certificate.getIssuerX500Principal().getName() + ", the CA is "
                    + ca.getSubjectX500Principal().getName() + "): both come from one server; enroll again");
        }
    }

    /** Certificate renewal: checks at start and every hour; tests may ask it to check now. */
    public Renewer renewal() {
        return renewer;
    }

    /** How many tunnel connections are up right now. */
    public int connectedTunnels() {
        return (int) dialers.stream().filter(Dialer::isUp).count();
    }

    /** Stops the client; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        renewer.close();
        dialers.forEach(Dialer::stop);
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        connector.close();
        LOG.info("usp-client stopped");
    }
}
