package io.usp.admin.partners;

import io.usp.admin.api.ApiJson;
import io.usp.admin.auth.PasswordHasher;
import io.usp.admin.auth.PasswordRules;
import io.usp.admin.live.RunningServer;
import io.usp.deployments.store.AuditLog;
import io.usp.deployments.store.AuditLog.AuditEntry;
import io.usp.deployments.store.DeploymentStore;
import io.usp.deployments.store.PartnerCredentialStore;
import io.usp.deployments.store.PartnerCredentialStore.PartnerCredential;
import io.usp.deployments.store.StoreException;
import io.usp.deployments.store.StoredDeployment;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collection's partner credentials, for the pages and the API alike: list, add or replace one
 * (its password checked like an admin's, stored as a hash), remove one. Every change is logged
 * and audited without the password, then the running server re-reads the store, so the next
 * partner connection already follows it.
 */
public final class PartnerCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerCredentials.class);
    static final String KIND = "partner-credential";

    private final PartnerCredentialStore partners;
    private final DeploymentStore deployments;
    private final AuditLog audit;
    private final RunningServer server;
    private final Clock clock;
    private final PasswordHasher hasher;

    public PartnerCredentials(PartnerCredentialStore partners, DeploymentStore deployments, AuditLog audit,
                              RunningServer server, Clock clock, PasswordHasher hasher) {
        this.partners = partners;
        this.deployments = deployments;
        this.audit = audit;
        this.server = server;
        this.clock = clock;
        this.hasher = hasher;
    }

    /**
     * The deployment's credentials, sorted by username (never a hash). NOT_FOUND for no such
     * deployment; a {@code tcp} one lists those kept from when it was a collection.
     */
    public List<PartnerCredential> list(String deployment) {
        stored(deployment);
        return partners.list(deployment);
    }

    /**
     * Adds the credential, or gives an existing one a new password; true when added. NOT_FOUND for
     * no such deployment, CONFLICT for a {@code tcp} one, INVALID (field {@code username} or
     * {@code password}) when the rules for admins refuse them.
     */
    public boolean set(String deployment, String username, String password, String actor) {
        StoredDeployment stored = stored(deployment);
        if (!stored.deployment().route().mode().collection()) {
            throw new StoreException(StoreException.Kind.CONFLICT, null, "partner credentials are for collections;"
                    + " deployment '" + deployment + "' is mode " + stored.deployment().route().mode().label());
        }
        PasswordRules.requireUsername(username, "username");
        PasswordRules.requirePassword(username, password, "password");
        boolean created = partners.put(deployment, username, hasher.hash(password), clock.instant());
        String entry = entry(deployment, username);
        audit(actor, created ? "create" : "password", deployment, username,
                created ? Optional.empty() : Optional.of(entry), Optional.of(entry));
        LOG.info("partner credential '{}' of deployment '{}' {} by '{}'", username, deployment,
                created ? "added" : "given a new password", actor);
        server.deploymentsChanged();
        return created;
    }

    /** NOT_FOUND for no such deployment or credential. */
    public void remove(String deployment, String username, String actor) {
        stored(deployment);
        partners.delete(deployment, username);
        audit(actor, "delete", deployment, username, Optional.of(entry(deployment, username)), Optional.empty());
        LOG.info("partner credential '{}' of deployment '{}' removed by '{}'", username, deployment, actor);
        server.deploymentsChanged();
    }

    private StoredDeployment stored(String deployment) {
        return deployments.deployment(deployment)
                .orElseThrow(() -> StoreException.notFound("deployment '" + deployment + "'"));
    }

    private static String entry(String deployment, String username) {
        return ApiJson.object().put("deployment", deployment).put("username", username).toString();
    }

    private void audit(String actor, String action, String deployment, String username, Optional<String> before,
                       Optional<String> after) {
        audit.record(new AuditEntry(0, clock.instant(), actor, action, KIND, deployment + "/" + username, before,
                after));
    }
}
