package io.usp.deployments.store;

import io.usp.deployments.NamedIpFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of table {@code ip_filter}: named filters, with the deployments that use them. */
final class IpFilterRows {

    private IpFilterRows() {
    }

    static List<StoredIpFilter> all(Handle h) {
        Map<String, List<String>> usedBy = new HashMap<>();
        h.createQuery("SELECT name, ip_filter_name FROM deployment WHERE ip_filter_name IS NOT NULL ORDER BY name")
                .map((rs, ctx) -> Map.entry(rs.getString("ip_filter_name"), rs.getString("name")))
                .forEach(e -> usedBy.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return h.createQuery("SELECT * FROM ip_filter ORDER BY name")
                .map((rs, ctx) -> stored(rs, usedBy.getOrDefault(rs.getString("name"), List.of())))
                .list();
    }

    static Optional<StoredIpFilter> find(Handle h, String name) {
        List<String> usedBy = DeploymentRows.using(h, name);
        return h.createQuery("SELECT * FROM ip_filter WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> stored(rs, usedBy))
                .findOne();
    }

    static void insert(Handle h, NamedIpFilter f, boolean managedByFile, Instant now) {
        h.createUpdate("INSERT INTO ip_filter (name, block_rules, allow_rules, default_action, managed_by_file,"
                        + " created_at, updated_at) VALUES (:name, :block, :allow, :action, :managed, :now, :now)")
                .bind("name", f.name())
                .bind("block", Rules.write(f.filter().block()))
                .bind("allow", Rules.write(f.filter().allow()))
                .bind("action", Rules.action(f.filter().defaultAction()))
                .bind("managed", managedByFile)
                .bind("now", now)
                .execute();
    }

    /** Replaces the rules; keeps the mark and the creation time. */
    static void update(Handle h, NamedIpFilter f, Instant now) {
        h.createUpdate("UPDATE ip_filter SET block_rules = :block, allow_rules = :allow, default_action = :action,"
                        + " updated_at = :now WHERE name = :name")
                .bind("name", f.name())
                .bind("block", Rules.write(f.filter().block()))
                .bind("allow", Rules.write(f.filter().allow()))
                .bind("action", Rules.action(f.filter().defaultAction()))
                .bind("now", now)
                .execute();
    }

    static void setManagedByFile(Handle h, String name, boolean managedByFile) {
        h.createUpdate("UPDATE ip_filter SET managed_by_file = :managed WHERE name = :name")
                .bind("managed", managedByFile)
                .bind("name", name)
                .execute();
    }

    static void delete(Handle h, String name) {
        h.createUpdate("DELETE FROM ip_filter WHERE name = :name").bind("name", name).execute();
    }

    private static StoredIpFilter stored(ResultSet rs, List<String> usedBy) throws SQLException {
        NamedIpFilter f = new NamedIpFilter(rs.getString("name"),
                DeploymentRows.filter(rs, "block_rules", "allow_rules", "default_action"));
        return new StoredIpFilter(f, rs.getBoolean("managed_by_file"), usedBy, Sql.instant(rs, "updated_at"));
    }
}
