package io.usp.server.ftp;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.usp.deployments.route.FtpRoute;
import io.usp.deployments.route.FtpSettings;
import io.usp.deployments.route.TargetTls;
import java.io.File;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * What the sessions of one FTP deployment share, made once from its route: the passive port
 * pool, the partner-facing TLS context and the TLS context toward the target.
 */
public record FtpResources(FtpSettings settings, TargetTls targetTls, PassivePorts ports, Optional<SslContext> tls,
                           Optional<SslContext> toTarget) {

    /** Made for {@code route}; the port pool of {@code previous} is kept while the range is the same. */
    public static FtpResources of(FtpRoute route, FtpResources previous) {
        FtpSettings settings = route.ftp();
        PassivePorts ports = previous != null && previous.settings().passivePorts().equals(settings.passivePorts())
                ? previous.ports() : new PassivePorts(settings.passivePorts());
        return new FtpResources(settings, route.targetTls(), ports, settings.certificate().map(FtpResources::context),
                route.targetTls().on() ? Optional.of(toTarget(route.targetTls())) : Optional.empty());
    }

    /** Whether these were made for {@code route} (the port pool aside). */
    public boolean madeFor(FtpRoute route) {
        return settings.equals(route.ftp()) && targetTls.equals(route.targetTls());
    }

    private static SslContext context(FtpSettings.Certificate c) {
        try {
            return SslContextBuilder.forServer(new File(c.cert()), new File(c.key())).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("ftp.certificate: cannot use the certificate " + c.cert() + " with key " + c.key()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks the target's certificate against the CA file (or the JVM's authorities) and its name
     * against the host. The JDK's TLS, not BoringSSL: BoringSSL's client offers each TLS 1.3
     * session ticket once, so after a few data connections it has none left to resume the
     * control connection's session with, and vsftpd refuses data connections that do not.
     */
    private static SslContext toTarget(TargetTls t) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .endpointIdentificationAlgorithm("HTTPS");
            t.ca().ifPresent(ca -> builder.trustManager(new File(ca)));
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("target.ca: cannot use the CA file " + t.ca().orElse("(the JVM's)") + ": "
                    + e.getMessage(), e);
        }
    }
}
