package io.usp.protocol.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a failed TLS handshake, for the words either end logs: the TLS alert the peer sent and
 * the stack's own messages. BoringSSL and the JDK word the same failures differently, so both
 * are read.
 */
public final class TlsFailure {

    // BoringSSL: "...:TLSV1_ALERT_UNKNOWN_CA"; the JDK: "Received fatal alert: unknown_ca"
    private static final Pattern ALERT = Pattern.compile("TLSV1_ALERT_([A-Z_]+)|Received fatal alert: ([a-z_]+)");

    private TlsFailure() {
    }

    /** The alert the peer sent, in RFC 8446's spelling (e.g. "unknown_ca"), if the failure is one. */
    public static Optional<String> alert(Throwable failure) {
        Matcher m = ALERT.matcher(messages(failure));
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of((m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT));
    }

    /** True when {@code failure} or one of its causes is a {@code type}. */
    public static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The first message along the cause chain, and the others that add something in parentheses. */
    public static String messages(Throwable failure) {
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
