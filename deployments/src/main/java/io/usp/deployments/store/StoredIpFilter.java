package io.usp.deployments.store;

import io.usp.deployments.NamedIpFilter;
import java.time.Instant;
import java.util.List;

/** A named IP filter as stored, with the deployments that use it (sorted by name). */
public record StoredIpFilter(NamedIpFilter filter, boolean managedByFile, List<String> usedBy, Instant updatedAt) {

    public StoredIpFilter {
        usedBy = List.copyOf(usedBy);
    }
}
