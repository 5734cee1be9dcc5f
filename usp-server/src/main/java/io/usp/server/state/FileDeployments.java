package io.usp.server.state;

import io.usp.deployments.Deployment;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.store.DeploymentStore;
import io.usp.deployments.store.StoredDeployment;
import io.usp.deployments.store.StoredIpFilter;
import io.usp.deployments.yaml.DeploymentsFile;
import io.usp.server.config.ServerConfig;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings server.yaml's {@code ipFilters:} and {@code deployments:} into the store at start: each is
 * upserted by name and marked "managed by server.yaml"; one marked so that the file no longer
 * lists is removed, as the file is where it is managed.
 */
public final class FileDeployments {

    /** The actor written in the audit log for these changes. */
    public static final String ACTOR = "server.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(FileDeployments.class);

    private FileDeployments() {
    }

    public static void sync(DeploymentStore store, ServerConfig config) {
        store.upsert(new DeploymentsFile(config.ipFilters(), config.deployments()), true, ACTOR);
        Set<String> deployments = config.deployments().stream().map(Deployment::name).collect(Collectors.toSet());
        for (StoredDeployment d : store.deployments()) {
            if (d.managedByFile() && !deployments.contains(d.deployment().name())) {
                store.delete(d.deployment().name(), ACTOR);
                LOG.info("deployment {} removed: it was managed by server.yaml, which no longer lists it",
                        d.deployment().name());
            }
        }
        Set<String> filters = config.ipFilters().stream().map(NamedIpFilter::name).collect(Collectors.toSet());
        for (StoredIpFilter f : store.ipFilters()) {
            if (f.managedByFile() && !filters.contains(f.filter().name()) && f.usedBy().isEmpty()) {
                store.deleteIpFilter(f.filter().name(), ACTOR);
                LOG.info("IP filter {} removed: it was managed by server.yaml, which no longer lists it",
                        f.filter().name());
            }
        }
    }
}
