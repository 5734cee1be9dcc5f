package io.usp.server.dispatch;

import io.usp.protocol.relay.Relay;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one line logged per partner connection, whether refused or relayed and closed. */
public final class ConnectionLog {

    private static final Logger LOG = LoggerFactory.getLogger("usp.connections");

    private ConnectionLog() {
    }

    /** {@code rule}: the collection rule that decided, 0 for none (left out of the line). */
    public static void refused(String deployment, SocketAddress partner, int rule, Refusal reason, String detail) {
        LOG.info("refused deployment={} partner={}{} reason={} detail=\"{}\"",
                deployment, Addresses.text(partner), rule(rule), reason.label(), detail);
    }

    /** The refusals of one address after the first, summed over an interval (see {@link RefusalTally}). */
    public static void refusedRepeats(String deployment, String address, int rule, Refusal reason, long count,
                                      String detail) {
        LOG.info("refused deployment={} partner={}{} reason={} count={} detail=\"{}\"",
                deployment, address, rule(rule), reason.label(), count, detail);
    }

    /** The partner left while its target was still being reached. */
    public static void abandoned(String deployment, SocketAddress partner, String target) {
        LOG.info("abandoned deployment={} partner={} target={} reason=\"partner left before the target answered\"",
                deployment, Addresses.text(partner), target);
    }

    public static void closed(String deployment, SocketAddress partner, String target, String via, int rule,
                              Relay.Outcome outcome) {
        LOG.info("closed deployment={} partner={} target={} via={}{} bytesUp={} bytesDown={} durationMs={} reason=\"{}\"",
                deployment, Addresses.text(partner), target, via, rule(rule), outcome.bytesFromFirst(),
                outcome.bytesFromSecond(), outcome.duration().toMillis(), outcome.reason());
    }

    /** One FTP transfer of a session break: who, which command and path, how many bytes, the final reply. */
    public static void transferred(String deployment, String partner, String target, String via, long bytesUp,
                                   long bytesDown, long durationMs, String detail) {
        LOG.info("transfer deployment={} partner={} target={} via={} bytesUp={} bytesDown={} durationMs={} detail=\"{}\"",
                deployment, partner, target, via, bytesUp, bytesDown, durationMs, detail);
    }

    /** A step of an FTP session refused (bounce, port theft, read-only, exhausted ports, malformed input). */
    public static void sessionRefused(String deployment, String what, String detail) {
        LOG.info("ftp-refused deployment={} step=\"{}\" detail=\"{}\"", deployment, what, detail);
    }

    private static String rule(int rule) {
        return rule == 0 ? "" : " rule=" + rule;
    }
}
