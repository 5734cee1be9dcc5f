package io.usp.server.config;

import io.usp.deployments.store.SharedDatabase;
import io.usp.protocol.pki.ClusterSecret;

/**
 * What makes a server one of a cluster: the shared PostgreSQL ({@code database}) and the cluster
 * secret ({@code cluster.secretFile}), the same file on every server, with which the CA's key is
 * sealed in that database.
 */
public record ClusterSettings(SharedDatabase database, ClusterSecret secret) {

    public ClusterSettings {
        if (database == null || secret == null) {
            throw new IllegalArgumentException("a cluster needs the shared database and the cluster secret");
        }
    }
}
