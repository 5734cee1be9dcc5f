package io.usp.deployments;

/** An IP filter with a name, defined once and used by any number of deployments. */
public record NamedIpFilter(String name, IpFilter filter) {

    public NamedIpFilter {
        Names.require(name, "name");
        if (filter == null) {
            throw new IllegalArgumentException("filter is required");
        }
    }
}
