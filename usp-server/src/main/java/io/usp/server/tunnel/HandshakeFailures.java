package io.usp.server.tunnel;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.usp.protocol.tls.TlsFailure;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Says in words what most likely happened when a TLS handshake on the tunnel port failed, as far
 * as the TLS stack lets the server tell; the stack's own text follows in brackets.
 */
final class HandshakeFailures {

    private static final String NOT_TRUSTED = "the peer does not trust this server's certificate: most likely a "
            + "client whose ca.crt is another CA's (enrolled with another server, or before this server's CA was "
            + "made anew), or a TLS tool checking a name that is not in tunnel.names";

    private HandshakeFailures() {
    }

    /** The likely cause in words, then the TLS stack's own message. */
    static String explain(Throwable failure) {
        if (TlsFailure.has(failure, ClosedChannelException.class)) {
            return "closed before the handshake finished";
        }
        String raw = TlsFailure.messages(failure);
        String words = words(failure, raw);
        return words == null ? raw : words + " [" + raw + "]";
    }

    private static String words(Throwable failure, String raw) {
        if (TlsFailure.has(failure, NotSslRecordException.class)) {
            return "the peer does not speak TLS: a plain TCP or HTTP client (a partner or a browser pointed at the "
                    + "tunnel port?)";
        }
        if (TlsFailure.has(failure, SslHandshakeTimeoutException.class)) {
            return "the peer did not finish the TLS handshake within tunnel.handshakeTimeout";
        }
        if (TlsFailure.has(failure, SSLPeerUnverifiedException.class) || raw.contains("peer not verified")) {
            return "no client certificate: a client needs tls.cert and tls.key in its client.yaml (enroll it, or "
                    + "use issue-client), or this is not a USP client";
        }
        if (TlsFailure.has(failure, CertificateExpiredException.class) || raw.contains("NotAfter")) {
            return "the client's certificate has expired: a running client renews it in time; one that was off too "
                    + "long must be enrolled again";
        }
        if (TlsFailure.has(failure, CertificateNotYetValidException.class) || raw.contains("NotBefore")) {
            return "the client's certificate is not valid yet: the client's and the server's clocks disagree";
        }
        if (raw.contains("unable to find valid certification path") || raw.contains("PKIX path")) {
            return "the client's certificate is not from this server's CA (enrolled with another server, or before "
                    + "this server's CA was made anew): enroll the client again";
        }
        if (raw.contains("UNSUPPORTED_PROTOCOL") || raw.contains("protocol_version")) {
            return "the peer offers only TLS 1.2 or older; tunnels need TLS 1.3 (an old or generic TLS client)";
        }
        return TlsFailure.alert(failure).map(name -> switch (name) {
            case "internal_error", "unknown_ca", "bad_certificate", "certificate_unknown" ->
                    NOT_TRUSTED + " (it sent the TLS alert " + name + ")";
            default -> "the peer broke off the handshake with the TLS alert " + name;
        }).orElse(null);
    }
}
