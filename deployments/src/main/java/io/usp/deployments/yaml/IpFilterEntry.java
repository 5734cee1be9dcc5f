package io.usp.deployments.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usp.deployments.Cidr;
import io.usp.deployments.FilterAction;
import io.usp.deployments.IpFilter;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.Names;
import java.util.List;

/**
 * One named IP filter as written under {@code ipFilters:} (and in the admin API's JSON); a
 * deployment uses it with {@code ipFilter: NAME}. The same rules, without a name, are a
 * deployment's inline {@code ipFilter}.
 * <pre>
 * - name: partners-eu
 *   block: [203.0.113.0/24]
 *   allow: [198.51.100.0/24, 2001:db8::/32]
 *   defaultAction: block
 * </pre>
 */
public final class IpFilterEntry {

    private IpFilterEntry() {
    }

    /**
     * Converts {@code ipFilters[index]} of a file; errors name the file, the filter (by its
     * {@code name} when it has one) and the field.
     */
    public static NamedIpFilter read(StrictYaml yaml, JsonNode node, int index) {
        return read(yaml.entry("ipFilter", "ipFilters", node, index), node);
    }

    /** Converts a request body shaped like one entry; errors name only the field ({@link StrictYaml#body}). */
    public static NamedIpFilter readBody(JsonNode body) {
        return read(StrictYaml.body(), body);
    }

    private static NamedIpFilter read(Entry e, JsonNode node) {
        NamedYaml f = e.convert(node, NamedYaml.class);
        if (f == null) {
            throw e.error(null, "is empty");
        }
        e.check("name", () -> Names.require(e.require("name", f.name()), "name"));
        IpFilter rules = rules(e, null, new RulesYaml(f.block(), f.allow(), f.defaultAction()));
        return new NamedIpFilter(f.name(), rules);
    }

    /** The filter as an entry that {@link #read} turns back into the same filter. */
    public static ObjectNode write(NamedIpFilter filter) {
        ObjectNode out = StrictYaml.MAPPER.createObjectNode().put("name", filter.name());
        out.setAll(writeRules(filter.filter()));
        return out;
    }

    /** Rules alone: {@code block}, {@code allow}, {@code defaultAction}. */
    public static ObjectNode writeRules(IpFilter filter) {
        ObjectNode out = StrictYaml.MAPPER.createObjectNode();
        ArrayNode block = out.putArray("block");
        filter.block().forEach(c -> block.add(c.toString()));
        ArrayNode allow = out.putArray("allow");
        filter.allow().forEach(c -> allow.add(c.toString()));
        out.put("defaultAction", filter.defaultAction() == FilterAction.ALLOW ? "allow" : "block");
        return out;
    }

    /** Rules under {@code prefix} (e.g. {@code ipFilter}), or at the entry's top when it is null. */
    static IpFilter rules(Entry e, String prefix, RulesYaml f) {
        String at = prefix == null ? "" : prefix + ".";
        List<Cidr> block = e.list(at + "block", f.block(), Cidr::parse);
        List<Cidr> allow = e.list(at + "allow", f.allow(), Cidr::parse);
        FilterAction action = f.defaultAction() == null ? IpFilter.DEFAULT_ACTION
                : e.check(at + "defaultAction", () -> action(f.defaultAction()));
        return new IpFilter(block, allow, action);
    }

    private static FilterAction action(String text) {
        return switch (text) {
            case "allow" -> FilterAction.ALLOW;
            case "block" -> FilterAction.BLOCK;
            default -> throw new IllegalArgumentException("'" + text + "' is neither allow nor block");
        };
    }

    record RulesYaml(List<String> block, List<String> allow, String defaultAction) {
    }

    private record NamedYaml(String name, List<String> block, List<String> allow, String defaultAction) {
    }
}
