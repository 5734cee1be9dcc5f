package io.usp.server.tunnel;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Says in words what most likely happened when a TLS handshake on the tunnel port failed, as far
 * as the TLS stack lets the server tell; the stack's own text follows in brackets. BoringSSL and
 * the JDK word the same failures differently, so both are matched.
 */
final class HandshakeFailures {

    // BoringSSL: "...:TLSV1_ALERT_INTERNAL_ERROR"; the JDK: "Received fatal alert: internal_error"
    private static final Pattern ALERT = Pattern.compile("TLSV1_ALERT_([A-Z_]+)|Received fatal alert: ([a-z_]+)");
    private static final String NOT_TRUSTED = "the peer does not trust this server's certificate: most likely a "
            + "client whose ca.crt is another CA's (enrolled with another server, or before this server's CA was "
            + "made anew), or a TLS tool checking a name that is not in tunnel.names";

    private HandshakeFailures() {
    }

    /** The likely cause in words, then the TLS stack's own message. */
    static String explain(Throwable failure) {
        if (has(failure, ClosedChannelException.class)) {
            return "closed before the handshake finished";
        }
        String raw = messages(failure);
        String words = words(failure, raw);
        return words == null ? raw : words + " [" + raw + "]";
    }

    private static String words(Throwable failure, String raw) {
        if (has(failure, NotSslRecordException.class)) {
            return "the peer does not speak TLS: a plain TCP or HTTP client (a partner or a browser pointed at the "
                    + "tunnel port?)";
        }
        if (has(failure, SslHandshakeTimeoutException.class)) {
            return "the peer did not finish the TLS handshake within tunnel.handshakeTimeout";
        }
        if (has(failure, SSLPeerUnverifiedException.class) || raw.contains("peer not verified")) {
            return "no client certificate: a client needs tls.cert and tls.key in its client.yaml (enroll it, or "
                    + "use issue-client), or this is not a USP client";
        }
        if (has(failure, CertificateExpiredException.class) || raw.contains("NotAfter")) {
            return "the client's certificate has expired: a running client renews it in time; one that was off too "
                    + "long must be enrolled again";
        }
        if (has(failure, CertificateNotYetValidException.class) || raw.contains("NotBefore")) {
            return "the client's certificate is not valid yet: the client's and the server's clocks disagree";
        }
        if (raw.contains("unable to find valid certification path") || raw.contains("PKIX path")) {
            return "the client's certificate is not from this server's CA (enrolled with another server, or before "
                    + "this server's CA was made anew): enroll the client again";
        }
        if (raw.contains("UNSUPPORTED_PROTOCOL") || raw.contains("protocol_version")) {
            return "the peer offers only TLS 1.2 or older; tunnels need TLS 1.3 (an old or generic TLS client)";
        }
        Matcher alert = ALERT.matcher(raw);
        if (alert.find()) {
            String name = (alert.group(1) != null ? alert.group(1) : alert.group(2)).toLowerCase(Locale.ROOT);
            return switch (name) {
                case "internal_error", "unknown_ca", "bad_certificate", "certificate_unknown" ->
                        NOT_TRUSTED + " (it sent the TLS alert " + name + ")";
                default -> "the peer broke off the handshake with the TLS alert " + name;
            };
        }
        return null;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The first message along the cause chain, and the others that add something in parentheses. */
    private static String messages(Throwable failure) {
        List<String> seen = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (seen.stream().noneMatch(m -> m.contains(message))) {
                seen.add(message);
            }
        }
        return seen.get(0) + seen.stream().skip(1).map(m -> " (" + m + ")").collect(Collectors.joining());
    }
}
