package io.usp.server.ftp;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.usp.deployments.route.FtpSettings;
import java.io.File;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * What the sessions of one FTP deployment share: its passive port pool and its partner-facing
 * TLS context, made once from the deployment's settings.
 */
public record FtpResources(FtpSettings settings, PassivePorts ports, Optional<SslContext> tls) {

    /** Made for {@code settings}; the port pool of {@code previous} is kept while the range is the same. */
    public static FtpResources of(FtpSettings settings, FtpResources previous) {
        PassivePorts ports = previous != null && previous.settings().passivePorts().equals(settings.passivePorts())
                ? previous.ports() : new PassivePorts(settings.passivePorts());
        return new FtpResources(settings, ports, settings.certificate().map(FtpResources::context));
    }

    private static SslContext context(FtpSettings.Certificate c) {
        try {
            return SslContextBuilder.forServer(new File(c.cert()), new File(c.key())).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot use the FTP certificate " + c.cert() + " with key " + c.key()
                    + ": " + e.getMessage(), e);
        }
    }
}
