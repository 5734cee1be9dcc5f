package io.usp.server.enroll;

import io.usp.deployments.store.AuditLog;
import io.usp.deployments.store.AuditLog.AuditEntry;
import io.usp.deployments.store.EnrollmentStore;
import io.usp.deployments.store.EnrollmentStore.Granted;
import io.usp.deployments.store.EnrollmentStore.Redemption;
import io.usp.deployments.store.EnrollmentStore.Refused;
import io.usp.protocol.enroll.EnrollMessages.EnrollRequest;
import io.usp.protocol.enroll.EnrollMessages.Issued;
import io.usp.protocol.enroll.EnrollMessages.RenewRequest;
import io.usp.protocol.enroll.EnrollRefusal;
import io.usp.protocol.enroll.EnrollmentToken;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.CertificateRequests;
import io.usp.protocol.pki.CertificateRequests.RequestRefused;
import io.usp.protocol.pki.Pem;
import io.usp.protocol.tls.TlsContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Enrollment and renewal themselves: spends a token or checks the current certificate, checks
 * the request, issues and audits. Blocks on the store, so it runs off the event loops.
 */
final class EnrollService {

    private final EnrollmentStore store;
    private final AuditLog audit;
    private final CertificateAuthority ca;
    private final Revocations revocations;
    private final Duration validity;
    private final Clock clock;

    EnrollService(EnrollmentStore store, AuditLog audit, CertificateAuthority ca, Revocations revocations,
                  Duration validity, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.ca = ca;
        this.revocations = revocations;
        this.validity = validity;
        this.clock = clock;
    }

    /**
     * Checks the request before it spends the token, so a client whose request is bad can fix it
     * and try again with the same token. The name is the token's: the request's subject is ignored.
     */
    Issued enroll(EnrollRequest request, String from) throws EnrollException {
        PublicKey key = verifiedKey(request.csr());
        synchronized (revocations) { // see Revocations#revoke
            return redeemAndIssue(request, key, from);
        }
    }

    private Issued redeemAndIssue(EnrollRequest request, PublicKey key, String from) throws EnrollException {
        String hash;
        try {
            hash = EnrollmentToken.hashSecret(request.token());
        } catch (IllegalArgumentException e) {
            throw new EnrollException(EnrollRefusal.TOKEN_UNKNOWN, "the token's secret is not one this server issued");
        }
        Redemption redeemed = store.redeem(hash, clock.instant(), from);
        if (redeemed instanceof Refused refused) {
            throw refusal(refused.why());
        }
        return issue(((Granted) redeemed).client(), key, "enrollment", "enroll", from);
    }

    private static EnrollException refusal(EnrollmentStore.Refusal why) {
        return switch (why) {
            case UNKNOWN -> new EnrollException(EnrollRefusal.TOKEN_UNKNOWN, "no such enrollment token");
            case USED -> new EnrollException(EnrollRefusal.TOKEN_USED,
                    "this enrollment token was used already; ask an admin for a new one");
            case EXPIRED -> new EnrollException(EnrollRefusal.TOKEN_EXPIRED,
                    "this enrollment token expired; ask an admin for a new one");
            case REVOKED -> new EnrollException(EnrollRefusal.TOKEN_REVOKED,
                    "the client this token was made for was revoked since");
        };
    }

    /** A new certificate for the client the TLS handshake authenticated, if it is not revoked. */
    Issued renew(Optional<X509Certificate> peer, RenewRequest request, String from) throws EnrollException {
        if (peer.isEmpty()) {
            throw new EnrollException(EnrollRefusal.CERTIFICATE_REQUIRED,
                    "renewal needs the client's current certificate in the TLS handshake");
        }
        String name = TlsContexts.commonName(peer.get());
        if (name == null) {
            throw new EnrollException(EnrollRefusal.CERTIFICATE_REQUIRED, "the client certificate names no client");
        }
        PublicKey key = verifiedKey(request.csr());
        synchronized (revocations) { // see Revocations#revoke
            if (revocations.refuses(name, peer.get())) {
                throw new EnrollException(EnrollRefusal.CLIENT_REVOKED, "client '" + name + "' is revoked");
            }
            return issue(name, key, name, "renew", from);
        }
    }

    private static PublicKey verifiedKey(String csr) throws EnrollException {
        try {
            return CertificateRequests.verifiedKey(csr);
        } catch (RequestRefused e) {
            throw new EnrollException(switch (e.problem()) {
                case UNREADABLE, BAD_SIGNATURE -> EnrollRefusal.BAD_CSR;
                case WEAK_KEY -> EnrollRefusal.WEAK_KEY;
            }, e.getMessage());
        }
    }

    private Issued issue(String name, PublicKey key, String actor, String action, String from) {
        X509Certificate cert = ca.issueClient(name, key, validity, revocations.revokedAt(name).orElse(Instant.MIN));
        String serial = cert.getSerialNumber().toString(16);
        String notAfter = cert.getNotAfter().toInstant().toString();
        audit.record(new AuditEntry(0, clock.instant(), actor, action, "client", name, Optional.empty(),
                Optional.of("{\"certSerial\":\"" + serial + "\",\"certNotAfter\":\"" + notAfter + "\",\"from\":\""
                        + from + "\"}")));
        try {
            return new Issued(name, Pem.encode(cert), Pem.encode(ca.certificate()), notAfter);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the certificate for " + name, e);
        }
    }
}
