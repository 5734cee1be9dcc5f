package io.usp.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.usp.admin.live.RunningServer;
import io.usp.deployments.store.AdminStore;
import io.usp.deployments.store.AuditLog;
import io.usp.deployments.store.ClientStore;
import io.usp.deployments.store.ConnectionHistory;
import io.usp.deployments.store.DeploymentStore;
import java.time.Clock;

/** What the admin app works with: the store, the running server, the clock and the metrics registry. */
public record AdminContext(DeploymentStore deployments, AdminStore admins, AuditLog audit,
                           ConnectionHistory history, ClientStore clients, RunningServer server, Clock clock,
                           PrometheusMeterRegistry metrics) {

    /** The actions the UI and the API share. */
    public AdminActions actions() {
        return new AdminActions(this);
    }
}
