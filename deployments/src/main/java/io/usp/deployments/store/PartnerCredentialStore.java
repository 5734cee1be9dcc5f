package io.usp.deployments.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Partner credentials of collections: per deployment, usernames with the hash of each one's
 * password, never the password. They go with their deployment when it is deleted, and an export
 * or import carries none.
 */
public interface PartnerCredentialStore {

    /** A credential as listed: never its hash. {@code createdAt} is when its password was set. */
    record PartnerCredential(String username, Instant createdAt) {
    }

    /** The deployment's credentials sorted by username; empty for a deployment with none (or no such deployment). */
    List<PartnerCredential> list(String deployment);

    /**
     * Creates the credential, or replaces its hash (and creation time) when the username exists;
     * true when it was created. NOT_FOUND when there is no such deployment.
     */
    boolean put(String deployment, String username, String passwordHash, Instant at);

    /** NOT_FOUND when the deployment has no credential of that username. */
    void delete(String deployment, String username);

    /** The stored hash of the username's password, to verify one against. */
    Optional<String> passwordHash(String deployment, String username);

    int count(String deployment);

    /** The names of the deployments with at least one credential. */
    Set<String> deploymentsWithCredentials();
}
