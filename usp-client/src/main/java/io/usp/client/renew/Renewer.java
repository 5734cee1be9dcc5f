package io.usp.client.renew;

import io.usp.client.config.ClientConfig;
import io.usp.client.dial.TunnelTls;
import io.usp.client.enroll.EnrollExchange;
import io.usp.client.enroll.EnrollExchange.Answer;
import io.usp.client.enroll.EnrollFailed;
import io.usp.client.enroll.IssuedAnswer;
import io.usp.protocol.Protocol;
import io.usp.protocol.enroll.EnrollJson;
import io.usp.protocol.enroll.EnrollMessages.RenewRequest;
import io.usp.protocol.pki.CertificateRequests;
import io.usp.protocol.pki.Fingerprints;
import io.usp.protocol.pki.Pem;
import io.usp.protocol.tls.EnrollTls;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the client's certificate before it expires: at start and then every hour, if less than
 * a third of its lifetime is left, it makes a new key pair, asks the server over
 * {@code usp-enroll/1} (authenticated by the current certificate), writes the new key and
 * certificate in place (each atomically; the key owner-only), and has new tunnel connections
 * use them. Connections already up, and their streams, are left alone. Runs on its own thread.
 */
public final class Renewer implements AutoCloseable {

    public static final Duration CHECK_EVERY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(Renewer.class);

    private final ClientConfig config;
    private final TunnelTls tls;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "usp-renew");
        t.setDaemon(true);
        return t;
    });

    public Renewer(ClientConfig config, TunnelTls tls, Clock clock) {
        this.config = config;
        this.tls = tls;
        this.clock = clock;
    }

    /** Checks now and then every {@link #CHECK_EVERY}. */
    public void start() {
        thread.scheduleWithFixedDelay(this::checkLogged, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Checks now (on the renewal thread); the new certificate when it renewed, empty when none was due. */
    public Future<Optional<X509Certificate>> checkNow() {
        return thread.submit(this::check);
    }

    private void checkLogged() {
        try {
            check();
        } catch (EnrollFailed | IOException e) {
            LOG.warn("renewing the certificate of client {} failed, trying again in {} min: {}", config.name(),
                    CHECK_EVERY.toMinutes(), e.getMessage());
        }
    }

    private Optional<X509Certificate> check() throws EnrollFailed, IOException {
        X509Certificate current = Pem.readCertificate(config.tls().cert());
        if (!RenewalDue.due(current, clock.instant())) {
            return Optional.empty();
        }
        X509Certificate renewed = renew();
        LOG.info("renewed the certificate of client {}: valid until {} (was {}); new tunnel connections use it",
                config.name(), renewed.getNotAfter().toInstant(), current.getNotAfter().toInstant());
        if (RenewalDue.due(renewed, clock.instant())) {
            LOG.warn("the renewed certificate of client {} is already due for renewal by this machine's clock ({}):"
                    + " check the clock", config.name(), clock.instant());
        }
        return Optional.of(renewed);
    }

    private X509Certificate renew() throws EnrollFailed, IOException {
        ClientConfig.TlsFiles files = config.tls();
        KeyPair pair = CertificateRequests.newKeyPair();
        byte[] request = EnrollJson.MAPPER.writeValueAsBytes(
                new RenewRequest(CertificateRequests.create(config.name(), pair)));
        Answer answer = EnrollExchange.post(EnrollTls.renewing(files.cert(), files.key(), files.ca()),
                config.server().host(), config.server().port(), Protocol.RENEW_PATH, request, Duration.ofSeconds(15));
        String caFingerprint = Fingerprints.sha256(Pem.readCertificate(files.ca()));
        IssuedAnswer issued = IssuedAnswer.read(answer, pair.getPublic(), caFingerprint);
        if (!issued.name().equals(config.name())) {
            throw new EnrollFailed("the server renewed the certificate for '" + issued.name() + "', not '"
                    + config.name() + "'");
        }
        // key first: a crash between the two moves leaves a new key with the old certificate, which the
        // client refuses at start with a clear message, rather than a silently unusable pair mid-run
        Pem.writePrivateKey(files.key(), pair.getPrivate());
        Pem.writeCertificate(files.cert(), issued.certificate());
        tls.reload();
        return issued.certificate();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
