package io.usp.deployments.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usp.deployments.Deployment;
import io.usp.deployments.NamedIpFilter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ipFilters:} and {@code deployments:} sections, as in {@code server.yaml} and in the
 * files {@code usp-server export} writes and {@code usp-server import} reads. Writing and reading
 * back gives the same filters and deployments.
 */
public record DeploymentsFile(List<NamedIpFilter> ipFilters, List<Deployment> deployments) {

    public DeploymentsFile {
        ipFilters = List.copyOf(ipFilters);
        deployments = List.copyOf(deployments);
    }

    /** A file holding only these two sections (what {@code export} writes). */
    public static DeploymentsFile load(Path file) {
        StrictYaml yaml = new StrictYaml(file);
        Entry top = yaml.top();
        Sections s = top.convert(yaml.read(), Sections.class);
        return read(yaml, s.ipFilters(), s.deployments());
    }

    /** Converts both sections; a deployment may name any filter of the file. Absent sections are empty. */
    public static DeploymentsFile read(StrictYaml yaml, List<JsonNode> filterNodes, List<JsonNode> deploymentNodes) {
        Map<String, NamedIpFilter> filters = new LinkedHashMap<>();
        List<JsonNode> fs = filterNodes == null ? List.of() : filterNodes;
        for (int i = 0; i < fs.size(); i++) {
            NamedIpFilter f = IpFilterEntry.read(yaml, fs.get(i), i);
            if (filters.putIfAbsent(f.name(), f) != null) {
                throw yaml.entry("ipFilter '" + f.name() + "'").error("name", "another IP filter has the same name");
            }
        }
        List<Deployment> deployments = new ArrayList<>();
        List<JsonNode> ds = deploymentNodes == null ? List.of() : deploymentNodes;
        for (int i = 0; i < ds.size(); i++) {
            deployments.add(DeploymentEntry.read(yaml, ds.get(i), i, filters));
        }
        return new DeploymentsFile(List.copyOf(filters.values()), deployments);
    }

    /** YAML that {@link #load} reads back into an equal value. */
    public String toYaml() {
        ObjectNode root = StrictYaml.MAPPER.createObjectNode();
        ArrayNode filters = root.putArray("ipFilters");
        ipFilters.forEach(f -> filters.add(IpFilterEntry.write(f)));
        ArrayNode list = root.putArray("deployments");
        deployments.forEach(d -> list.add(DeploymentEntry.write(d)));
        try {
            return StrictYaml.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain values always writes
        }
    }

    private record Sections(List<JsonNode> ipFilters, List<JsonNode> deployments) {
    }
}
