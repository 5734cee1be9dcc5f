package io.usp.client.dial;

import io.netty.handler.ssl.NotSslRecordException;
import io.usp.client.config.ClientConfig;
import io.usp.protocol.tls.TlsFailure;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;

/**
 * Says in words why a tunnel connection did not come up, as far as the client can tell; the TLS
 * stack's own text follows in brackets. The server's side of the story is in its log.
 */
final class DialFailures {

    private DialFailures() {
    }

    /** Why the server did not take a connection that closed before it accepted the tunnel. */
    static String explain(ClientConfig config, Throwable failure) {
        String server = config.server().host() + ":" + config.server().port();
        if (failure == null || TlsFailure.has(failure, ClosedChannelException.class)) {
            return "the server closed the connection without accepting the tunnel: it refused this client "
                    + "(revoked, or a certificate it does not accept); the server's log says why";
        }
        String raw = TlsFailure.messages(failure);
        String words = words(config, server, failure, raw);
        return words == null ? raw : words + " [" + raw + "]";
    }

    private static String words(ClientConfig config, String server, Throwable failure, String raw) {
        if (TlsFailure.has(failure, NotSslRecordException.class)) {
            return server + " did not answer with TLS: is it the server's tunnel port (tunnel.port), not its admin "
                    + "port or a listener?";
        }
        if (TlsFailure.has(failure, CertPathBuilderException.class)) {
            return "the server's certificate is not from the CA in tls.ca (" + config.tls().ca() + "): that CA "
                    + "belongs to another server, or the server's CA was made anew; enroll this client again";
        }
        if (raw.contains("No subject alternative") || raw.contains("No name matching")) {
            return "the server's certificate does not name " + config.server().host() + ": dial one of the names "
                    + "in the server's tunnel.names";
        }
        if (TlsFailure.has(failure, CertificateExpiredException.class)) {
            return "the server's certificate has expired (the server renews it at start)";
        }
        return TlsFailure.alert(failure).map(alert -> switch (alert) {
            case "unknown_ca", "bad_certificate", "certificate_unknown" -> "the server refused this client's "
                    + "certificate (TLS alert " + alert + "): it is not from the server's CA (enrolled with another "
                    + "server, or the server's CA was made anew); enroll this client again";
            case "certificate_expired" -> "the server refused this client's certificate as expired: a client that "
                    + "was off too long to renew it must be enrolled again";
            case "certificate_revoked" -> "the server says this client's certificate is revoked";
            default -> "the server broke off the handshake with the TLS alert " + alert;
        }).orElse(null);
    }
}
