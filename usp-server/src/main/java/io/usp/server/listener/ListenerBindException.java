package io.usp.server.listener;

import io.usp.deployments.Deployment;
import io.usp.server.ports.BindErrors;

/**
 * A deployment's listener could not be bound (in use, no permission, bad address), or what its
 * connections need could not be made from its files (an FTP deployment's certificate or CA).
 */
public final class ListenerBindException extends RuntimeException {

    private final String deployment;

    private ListenerBindException(Deployment d, String message, Throwable cause) {
        super("deployment '" + d.name() + "': " + message, cause);
        this.deployment = d.name();
    }

    /** Not tried: the port is one the server needs itself, or a file the deployment names is unusable. */
    public ListenerBindException(Deployment d, String why) {
        this(d, "not listening on " + d.listener().bind() + ":" + d.listener().port() + ": " + why, null);
    }

    public ListenerBindException(Deployment d, Throwable cause) {
        this(d, "cannot listen on " + d.listener().bind() + ":" + d.listener().port() + ": " + BindErrors.reason(cause),
                cause);
    }

    /** The listener runs on, with the deployment's previous settings: the new ones cannot be used. */
    static ListenerBindException notUpdated(Deployment d, String why) {
        return new ListenerBindException(d, "not updated: " + why + "; new connections keep the previous settings",
                null);
    }

    public String deployment() {
        return deployment;
    }
}
