package io.usp.deployments.store;

import io.usp.deployments.Deployment;
import java.time.Instant;

/** A deployment as stored; {@code managedByFile} ones come from {@code server.yaml} and are overwritten at each start. */
public record StoredDeployment(Deployment deployment, boolean managedByFile, Instant createdAt, Instant updatedAt) {
}
