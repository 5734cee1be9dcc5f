package io.usp.server.enroll;

import io.usp.deployments.store.EnrollmentStore;
import io.usp.deployments.store.EnrollmentStore.Token;
import io.usp.protocol.enroll.EnrollmentToken;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.server.config.PublicAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes enrollment tokens for the admin: the tunnel address clients dial
 * ({@link io.usp.server.config.TunnelConfig#addressForClients}), the server CA's fingerprint and a
 * fresh secret. Only the secret's hash is stored; the text goes back to the admin once.
 */
public final class ClientTokens {

    /** How long a token may wait to be used. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);

    private final EnrollmentStore store;
    private final Supplier<PublicAddress> address;
    private final String caFingerprint;
    private final Duration lifetime;
    private final Clock clock;

    /** {@code address} is asked at each token: the bound port is known only once the tunnel port is bound. */
    public ClientTokens(EnrollmentStore store, Supplier<PublicAddress> address, CertificateAuthority ca,
                        Duration lifetime, Clock clock) {
        this.store = store;
        this.address = address;
        this.caFingerprint = ca.fingerprint();
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** The token text (shown once) and when it expires. */
    public record Issued(String name, String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "Issued[name=" + name + ", token=MASKED, expiresAt=" + expiresAt + "]";
        }
    }

    /** A token for {@code name}; the name is checked as a certificate CN must be. */
    public Issued add(String name, String actor) {
        CertificateAuthority.requireClientName(name);
        PublicAddress server = address.get();
        EnrollmentToken token = EnrollmentToken.generate(server.host(), server.port(), caFingerprint);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        store.addToken(new Token(token.secretHash(), name, now, actor, expiresAt, Optional.empty()));
        return new Issued(name, token.encode(), expiresAt);
    }
}
