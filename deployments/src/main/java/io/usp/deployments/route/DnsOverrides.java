package io.usp.deployments.route;

import io.usp.deployments.Target;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A collection's map from a name a partner asks for to the name or address actually connected
 * to ({@code vnc1.com → myvncservice.internal}). Rules are matched against the requested name;
 * the override only changes where the connection goes. Keys are stored {@link HostPattern#normalize normalized}.
 */
public record DnsOverrides(Map<String, String> names) {

    public static final DnsOverrides NONE = new DnsOverrides(Map.of());

    public DnsOverrides {
        Map<String, String> copy = new LinkedHashMap<>();
        names.forEach((from, to) -> {
            String key = HostPattern.normalize(from);
            new Target(key, 1); // a name or address, nothing else
            new Target(to, 1);
            if (copy.put(key, to) != null) {
                throw new IllegalArgumentException("'" + from + "' is overridden twice");
            }
        });
        names = java.util.Collections.unmodifiableMap(copy);
    }

    /** Where a partner's request for {@code requested} goes. */
    public Target apply(Target requested) {
        String to = names.get(HostPattern.normalize(requested.host()));
        return to == null ? requested : new Target(to, requested.port());
    }
}
