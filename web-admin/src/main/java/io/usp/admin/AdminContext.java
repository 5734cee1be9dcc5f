package io.usp.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.usp.admin.auth.PasswordHasher;
import io.usp.admin.live.RunningServer;
import io.usp.admin.partners.PartnerCredentials;
import io.usp.deployments.store.AdminStore;
import io.usp.deployments.store.AuditLog;
import io.usp.deployments.store.ClientStore;
import io.usp.deployments.store.ConnectionHistory;
import io.usp.deployments.store.DeploymentStore;
import io.usp.deployments.store.PartnerCredentialStore;
import java.time.Clock;

/** What the admin app works with: the store, the running server, the clock and the metrics registry. */
public record AdminContext(DeploymentStore deployments, AdminStore admins, AuditLog audit,
                           ConnectionHistory history, ClientStore clients, PartnerCredentialStore partners,
                           RunningServer server, Clock clock, PrometheusMeterRegistry metrics) {

    /** Hashes partner passwords at the admins' cost; safe to share. */
    private static final PasswordHasher PARTNER_HASHER = new PasswordHasher();

    /** The actions the UI and the API share. */
    public AdminActions actions() {
        return new AdminActions(this);
    }

    /** Collections' partner credentials, for the UI and the API. */
    public PartnerCredentials partnerCredentials() {
        return new PartnerCredentials(partners, deployments, audit, server, clock, PARTNER_HASHER);
    }
}
