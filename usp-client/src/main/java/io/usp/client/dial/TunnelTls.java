package io.usp.client.dial;

import io.netty.handler.ssl.SslContext;
import io.usp.client.config.ClientConfig;
import io.usp.protocol.tls.TlsContexts;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * The TLS context new tunnel connections dial with, rebuilt from the files after a renewal.
 * Connections already up keep the context (and certificate) they were made with, and their
 * streams go on undisturbed.
 */
public final class TunnelTls implements Supplier<SslContext> {

    private final ClientConfig.TlsFiles files;
    private volatile SslContext current;

    private TunnelTls(ClientConfig.TlsFiles files, SslContext current) {
        this.files = files;
        this.current = current;
    }

    public static TunnelTls load(ClientConfig.TlsFiles files) throws SSLException {
        return new TunnelTls(files, build(files));
    }

    @Override
    public SslContext get() {
        return current;
    }

    /** Reads the certificate and key again; on failure the old context stays in use. */
    public void reload() throws SSLException {
        current = build(files);
    }

    private static SslContext build(ClientConfig.TlsFiles files) throws SSLException {
        return TlsContexts.tunnelClient(files.cert(), files.key(), files.ca());
    }
}
