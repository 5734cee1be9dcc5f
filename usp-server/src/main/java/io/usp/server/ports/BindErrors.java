package io.usp.server.ports;

import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Says in words why a port could not be bound. The native transports report only an errno
 * ("bind(..) failed with error(-98): Address already in use"), the JDK and Jetty their own text.
 */
public final class BindErrors {

    private BindErrors() {
    }

    /** True when the exception, or one of its causes, is a port that could not be bound. */
    public static boolean isBindFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /** The most likely reason, for an operator, from the exception or any of its causes. */
    public static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "no such local address on this machine";
            }
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (message.contains("Address already in use")) {
                return "Address already in use (another program, or another usp-server, listens there)";
            }
            if (message.contains("Cannot assign requested address") || message.contains("Unresolved address")) {
                return "no such local address on this machine";
            }
            if (message.contains("Permission denied")) {
                return "permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)";
            }
        }
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }
}
