package io.usp.server.listener;

import io.usp.deployments.Deployment;
import io.usp.server.ports.BindErrors;

/** A listener's port could not be bound (in use, no permission, bad address). */
public final class ListenerBindException extends RuntimeException {

    /** Not tried: the port is one the server needs itself (a row stored before that was refused). */
    public ListenerBindException(Deployment d, String why) {
        super("deployment '" + d.name() + "': not listening on " + d.listener().bind() + ":" + d.listener().port()
                + ": " + why);
    }

    public ListenerBindException(Deployment d, Throwable cause) {
        super("deployment '" + d.name() + "': cannot listen on " + d.listener().bind() + ":" + d.listener().port()
                + ": " + BindErrors.reason(cause), cause);
    }
}
