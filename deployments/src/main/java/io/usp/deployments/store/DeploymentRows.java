package io.usp.deployments.store;

import io.usp.deployments.Deployment;
import io.usp.deployments.IpFilter;
import io.usp.deployments.Limits;
import io.usp.deployments.Listener;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.StartMode;
import io.usp.deployments.route.FixedRoute;
import io.usp.deployments.route.Route;
import io.usp.deployments.yaml.ConfigException;
import io.usp.deployments.yaml.RouteEntry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Rows of table {@code deployment}. A named filter is {@code ip_filter_name} and its rules are read
 * from {@code ip_filter} (so a deployment always carries the filter's current rules); an inline
 * filter is the three {@code filter_*} columns; no filter ({@link IpFilter#ALLOW_ALL}) is all null.
 */
final class DeploymentRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SELECT = "SELECT d.*, f.block_rules AS nf_block, f.allow_rules AS nf_allow,"
            + " f.default_action AS nf_action FROM deployment d LEFT JOIN ip_filter f ON f.name = d.ip_filter_name";

    private static final String COLUMNS = "listener_bind = :bind, listener_port = :port, ip_filter_name = :filterName,"
            + " filter_block_rules = :block, filter_allow_rules = :allow, filter_default_action = :action,"
            + " max_connections = :maxConnections, max_connections_per_ip = :maxPerIp,"
            + " new_connections_per_second_per_ip = :newPerSecond, mode = :mode, target_host = :targetHost,"
            + " target_port = :targetPort, target_tls = :targetTls, target_ca = :targetCa, rules = :rules,"
            + " dns_overrides = :dnsOverrides, ftp = :ftp, client = :client, idle_timeout_ms = :idleMs, start_mode = :startMode,"
            + " enabled = :enabled";

    private static final String INSERT = insert("name = :name, " + COLUMNS
            + ", managed_by_file = :managed, created_at = :now, updated_at = :now");

    private DeploymentRows() {
    }

    /** {@code INSERT INTO deployment (a, b) VALUES (:a, :b)} from the {@code a = :a, b = :b} the update sets. */
    private static String insert(String assignments) {
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String assignment : assignments.split(",")) {
            String[] pair = assignment.split("=");
            columns.add(pair[0].strip());
            values.add(pair[1].strip());
        }
        return "INSERT INTO deployment (" + String.join(", ", columns) + ") VALUES (" + String.join(", ", values) + ")";
    }

    static List<StoredDeployment> all(Handle h) {
        return h.createQuery(SELECT + " ORDER BY d.name").map((rs, ctx) -> stored(rs)).list();
    }

    static Optional<StoredDeployment> find(Handle h, String name) {
        return h.createQuery(SELECT + " WHERE d.name = :name").bind("name", name).map((rs, ctx) -> stored(rs)).findOne();
    }

    /** One prepared statement for them all: an import may insert thousands. */
    static void insertAll(Handle h, List<Deployment> deployments, boolean managedByFile, Instant now) {
        if (deployments.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch(INSERT);
        for (Deployment d : deployments) {
            bind(batch, d).bind("managed", managedByFile).bind("now", now).add();
        }
        batch.execute();
    }

    /** Replaces everything but the name, the mark and the creation time. */
    static void update(Handle h, Deployment d, Instant now) {
        bind(h.createUpdate("UPDATE deployment SET " + COLUMNS + ", updated_at = :now WHERE name = :name"), d)
                .bind("now", now)
                .execute();
    }

    static void setManagedByFile(Handle h, String name, boolean managedByFile) {
        h.createUpdate("UPDATE deployment SET managed_by_file = :managed WHERE name = :name")
                .bind("managed", managedByFile)
                .bind("name", name)
                .execute();
    }

    static void delete(Handle h, String name) {
        h.createUpdate("DELETE FROM deployment WHERE name = :name").bind("name", name).execute();
    }

    /** The other deployments listening on {@code d}'s port, unless that port is 0 (any free port). */
    static List<String> samePort(Handle h, Deployment d) {
        if (d.listener().port() == 0) {
            return List.of();
        }
        return h.createQuery("SELECT name FROM deployment WHERE listener_port = :port AND name <> :name ORDER BY name")
                .bind("port", d.listener().port())
                .bind("name", d.name())
                .mapTo(String.class)
                .list();
    }

    /** Every stored deployment's name by its listener port, sorted by name; port 0 (any free port) left out. */
    static Map<Integer, List<String>> byPort(Handle h) {
        Map<Integer, List<String>> byPort = new HashMap<>();
        h.createQuery("SELECT name, listener_port FROM deployment WHERE listener_port <> 0 ORDER BY name")
                .map((rs, ctx) -> Map.entry(rs.getInt("listener_port"), rs.getString("name")))
                .forEach(e -> byPort.computeIfAbsent(e.getKey(), p -> new ArrayList<>()).add(e.getValue()));
        return byPort;
    }

    /** The deployments that use the named filter, sorted by name. */
    static List<String> using(Handle h, String filter) {
        return h.createQuery("SELECT name FROM deployment WHERE ip_filter_name = :filter ORDER BY name")
                .bind("filter", filter)
                .mapTo(String.class)
                .list();
    }

    private static <S extends SqlStatement<S>> S bind(S update, Deployment d) {
        boolean inline = d.ipFilterName().isEmpty() && !d.ipFilter().equals(IpFilter.ALLOW_ALL);
        IpFilter f = d.ipFilter();
        Limits limits = d.limits();
        ObjectNode route = RouteEntry.write(d.route());
        Optional<FixedRoute> fixed = d.route().fold(Optional::of, c -> Optional.empty(), ftp -> Optional.of(ftp.control()));
        return update.bind("name", d.name())
                .bind("bind", d.listener().bind())
                .bind("port", d.listener().port())
                .bind("filterName", d.ipFilterName().orElse(null))
                .bind("block", inline ? Rules.write(f.block()) : null)
                .bind("allow", inline ? Rules.write(f.allow()) : null)
                .bind("action", inline ? Rules.action(f.defaultAction()) : null)
                .bind("maxConnections", Sql.orNull(limits.maxConnections()))
                .bind("maxPerIp", Sql.orNull(limits.maxConnectionsPerIp()))
                .bind("newPerSecond", Sql.orNull(limits.newConnectionsPerSecondPerIp()))
                .bind("mode", d.route().mode().label())
                .bind("targetHost", fixed.map(r -> r.target().host()).orElse(null))
                .bind("targetPort", fixed.map(r -> r.target().port()).orElse(null))
                .bind("targetTls", route.path("target").path("tls").textValue())
                .bind("targetCa", route.path("target").path("ca").textValue())
                .bind("rules", route.has("rules") ? route.get("rules").toString() : null)
                .bind("dnsOverrides", route.has("dnsOverrides") ? route.get("dnsOverrides").toString() : null)
                .bind("ftp", route.has("ftp") ? route.get("ftp").toString() : null)
                .bind("client", route.has("client") ? route.get("client").textValue() : null)
                .bind("idleMs", d.idleTimeout().toMillis())
                .bind("startMode", d.startMode().label())
                .bind("enabled", d.enabled());
    }

    private static StoredDeployment stored(ResultSet rs) throws SQLException {
        String name = rs.getString("name");
        Limits limits = new Limits(Sql.optionalInt(rs, "max_connections"), Sql.optionalInt(rs, "max_connections_per_ip"),
                Sql.optionalInt(rs, "new_connections_per_second_per_ip"));
        Deployment d = new Deployment(name, new Listener(rs.getString("listener_bind"), rs.getInt("listener_port")),
                inlineFilter(rs), limits, route(rs), Duration.ofMillis(rs.getLong("idle_timeout_ms")), Optional.empty(),
                StartMode.parse(rs.getString("start_mode")), rs.getBoolean("enabled"));
        String filterName = rs.getString("ip_filter_name");
        if (filterName != null) {
            d = d.withFilter(new NamedIpFilter(filterName, filter(rs, "nf_block", "nf_allow", "nf_action")));
        }
        return new StoredDeployment(d, rs.getBoolean("managed_by_file"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    /** The route columns put back together as the entry's fields, read by the one reader of those fields. */
    private static Route route(ResultSet rs) throws SQLException {
        ObjectNode fields = JSON.createObjectNode().put("mode", rs.getString("mode"));
        Sql.optionalString(rs, "client").ifPresent(c -> fields.put("client", c));
        if (rs.getString("target_host") != null) {
            ObjectNode target = fields.putObject("target").put("host", rs.getString("target_host"))
                    .put("port", rs.getInt("target_port"));
            Sql.optionalString(rs, "target_tls").ifPresent(tls -> target.put("tls", tls));
            Sql.optionalString(rs, "target_ca").ifPresent(ca -> target.put("ca", ca));
        }
        try {
            putJson(fields, "rules", rs.getString("rules"));
            putJson(fields, "dnsOverrides", rs.getString("dns_overrides"));
            putJson(fields, "ftp", rs.getString("ftp"));
            return RouteEntry.read(fields);
        } catch (JsonProcessingException | ConfigException e) {
            throw new IllegalStateException("deployment '" + rs.getString("name") + "' has a stored route that does"
                    + " not read back: " + e.getMessage(), e);
        }
    }

    private static void putJson(ObjectNode fields, String field, String json) throws JsonProcessingException {
        if (json != null) {
            fields.set(field, JSON.readTree(json));
        }
    }

    private static IpFilter inlineFilter(ResultSet rs) throws SQLException {
        return rs.getString("filter_default_action") == null ? IpFilter.ALLOW_ALL
                : filter(rs, "filter_block_rules", "filter_allow_rules", "filter_default_action");
    }

    static IpFilter filter(ResultSet rs, String block, String allow, String action) throws SQLException {
        return new IpFilter(Rules.read(rs.getString(block)), Rules.read(rs.getString(allow)),
                Rules.action(rs.getString(action)));
    }
}
