package io.usp.admin;

import io.usp.deployments.Deployment;
import io.usp.admin.live.RunningServer.NewClient;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.store.AuditLog.AuditEntry;
import io.usp.deployments.store.StoreException;
import io.usp.deployments.store.StoredDeployment;
import io.usp.deployments.store.StoredIpFilter;
import java.util.Optional;

/**
 * Every change an admin can make, for the pages and the API alike: the store records it (and
 * audits it), then the running server applies it before the call returns.
 */
public final class AdminActions {

    private final AdminContext context;

    AdminActions(AdminContext context) {
        this.context = context;
    }

    public StoredDeployment createDeployment(Deployment deployment, String actor) {
        StoredDeployment stored = context.deployments().create(deployment, actor);
        context.server().deploymentsChanged();
        return stored;
    }

    public StoredDeployment updateDeployment(String name, Deployment deployment, String actor) {
        StoredDeployment stored = context.deployments().update(name, deployment, actor);
        context.server().deploymentsChanged();
        return stored;
    }

    public void deleteDeployment(String name, String actor) {
        context.deployments().delete(name, actor);
        context.server().deploymentsChanged();
    }

    public StoredIpFilter createIpFilter(NamedIpFilter filter, String actor) {
        StoredIpFilter stored = context.deployments().createIpFilter(filter, actor);
        context.server().deploymentsChanged();
        return stored;
    }

    public StoredIpFilter updateIpFilter(String name, NamedIpFilter filter, String actor) {
        StoredIpFilter stored = context.deployments().updateIpFilter(name, filter, actor);
        context.server().deploymentsChanged();
        return stored;
    }

    public void deleteIpFilter(String name, String actor) {
        context.deployments().deleteIpFilter(name, actor);
        context.server().deploymentsChanged();
    }

    /** Starts a deployment's listener; NOT_FOUND when there is none. */
    public void start(String deployment, String actor) {
        if (!context.server().start(deployment, actor)) {
            throw StoreException.notFound("deployment '" + deployment + "'");
        }
        audit(actor, "start", "deployment", deployment);
    }

    /** Stops a deployment's listener and closes its connections; NOT_FOUND when there is none. */
    public void stop(String deployment, String actor) {
        if (!context.server().stop(deployment, actor)) {
            throw StoreException.notFound("deployment '" + deployment + "'");
        }
        audit(actor, "stop", "deployment", deployment);
    }

    /** Closes one live partner connection; NOT_FOUND when it is no longer open. */
    public void closeConnection(long id, String actor) {
        if (!context.server().closeConnection(id, actor)) {
            throw StoreException.notFound("open connection " + id);
        }
        audit(actor, "close", "connection", Long.toString(id));
    }

    /**
     * Adds a client and returns its one-time enrollment token (the server audits it). A name that
     * cannot be a client's is INVALID.
     */
    public NewClient addClient(String name, String actor) {
        try {
            return context.server().addClient(name, actor);
        } catch (IllegalArgumentException e) {
            throw new StoreException(StoreException.Kind.INVALID, "name", e.getMessage());
        }
    }

    /** Revokes a client (the server audits it and closes its tunnel); NOT_FOUND when no such client is known. */
    public void revokeClient(String name, String actor) {
        if (!context.server().revokeClient(name, actor)) {
            throw StoreException.notFound("client '" + name + "'");
        }
    }

    private void audit(String actor, String action, String kind, String name) {
        context.audit().record(new AuditEntry(0, context.clock().instant(), actor, action, kind, name,
                Optional.empty(), Optional.empty()));
    }
}
