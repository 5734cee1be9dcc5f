package io.usp.deployments.store;

import io.usp.deployments.Deployment;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.yaml.DeploymentsFile;
import java.util.List;
import java.util.Optional;

/**
 * The desired state: deployments and the named IP filters they use. Every change is written to
 * the audit log in the same transaction, with who made it ({@code actor}) and the entry before
 * and after (as JSON shaped like its YAML). Refusals are {@link StoreException}s.
 */
public interface DeploymentStore {

    /** Sorted by name; each deployment carries its named filter's current rules. */
    List<StoredDeployment> deployments();

    Optional<StoredDeployment> deployment(String name);

    /**
     * Adds a deployment. CONFLICT when the name exists or another deployment has the same
     * non-zero listener port (field {@code listener.port}); INVALID when its named filter does not
     * exist (field {@code ipFilter}).
     */
    StoredDeployment create(Deployment deployment, String actor);

    /**
     * Replaces the deployment called {@code name}; the new value must have the same name (INVALID, field
     * {@code name}). NOT_FOUND when there is none; otherwise refused like {@link #create}. A deployment
     * managed by server.yaml keeps that mark. A value equal to the stored one changes and audits nothing.
     */
    StoredDeployment update(String name, Deployment deployment, String actor);

    /** Removes it; NOT_FOUND when there is none. */
    void delete(String name, String actor);

    /** Sorted by name. */
    List<StoredIpFilter> ipFilters();

    Optional<StoredIpFilter> ipFilter(String name);

    /** CONFLICT when the name exists. */
    StoredIpFilter createIpFilter(NamedIpFilter filter, String actor);

    /**
     * New rules apply to every deployment that uses the filter. NOT_FOUND when there is none; INVALID
     * (field {@code name}) when {@code filter} has another name.
     */
    StoredIpFilter updateIpFilter(String name, NamedIpFilter filter, String actor);

    /** CONFLICT while a deployment uses it (the message names them). */
    void deleteIpFilter(String name, String actor);

    /**
     * Upserts every filter and deployment of {@code file} by name, in one transaction; nothing
     * else is removed. With {@code managedByFile} (server.yaml at start) they are marked
     * "managed by server.yaml"; an import clears the mark. Only entries that changed are audited.
     * Refused as a whole (nothing written) like {@link #create}: a port another deployment uses
     * (CONFLICT, {@code listener.port}), a named filter neither in the file nor stored (INVALID, {@code ipFilter}).
     */
    void upsert(DeploymentsFile file, boolean managedByFile, String actor);

    /** Everything stored, as {@code usp-server export} writes it (filters and deployments sorted by name). */
    DeploymentsFile export();
}
