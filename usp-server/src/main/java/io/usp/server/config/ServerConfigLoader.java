package io.usp.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.deployments.Ports;
import io.usp.deployments.yaml.ConfigException;
import io.usp.deployments.yaml.DeploymentsFile;
import io.usp.deployments.yaml.Entry;
import io.usp.deployments.yaml.StrictYaml;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the server's YAML file strictly (see docs and {@link ServerConfig}): unknown keys, wrong
 * types, bad values and clashing deployments are {@link ConfigException}s that name the file, the
 * deployment and the field. Absent keys take the defaults of {@link TunnelConfig#DEFAULTS} and
 * {@link ServerConfig}.
 */
public final class ServerConfigLoader {

    private ServerConfigLoader() {
    }

    public static ServerConfig load(Path file) {
        StrictYaml yaml = new StrictYaml(file);
        Entry top = yaml.top();
        ServerYaml s = top.convert(yaml.read(), ServerYaml.class);
        Path dataDir = top.path("dataDir", s.dataDir() == null ? ServerConfig.DEFAULT_DATA_DIR : s.dataDir());
        TunnelConfig tunnel = s.tunnel() == null ? TunnelConfig.DEFAULTS : tunnel(top, s.tunnel());
        int maxConnections = maxConnections(top, s.limits());
        AdminConfig admin = s.admin() == null ? AdminConfig.DEFAULTS : admin(top, s.admin());
        HistoryConfig history = s.history() == null ? HistoryConfig.DEFAULTS : history(top, s.history());
        Optional<ClusterSettings> cluster = DatabaseSettings.cluster(top, s.database(), s.cluster(), s.server());
        DeploymentsFile desired = DeploymentsFile.read(yaml, s.ipFilters(), s.deployments());
        if (admin.enabled() && admin.port() != 0 && admin.port() == tunnel.port()) {
            throw top.error("admin.port", "port " + admin.port() + " is the tunnel port (tunnel.port)");
        }
        return top.check(null, () -> new ServerConfig(file, dataDir, cluster, tunnel, admin, maxConnections, history,
                desired.ipFilters(), desired.deployments()));
    }

    private static TunnelConfig tunnel(Entry top, TunnelYaml t) {
        TunnelConfig d = TunnelConfig.DEFAULTS;
        String bind = t.bind() == null ? d.bind() : top.check("tunnel.bind", () -> notBlank(t.bind()));
        int port = t.port() == null ? d.port() : top.check("tunnel.port", () -> Ports.require(t.port(), 0));
        List<String> names = t.names() == null ? d.names() : top.list("tunnel.names", t.names(), n -> notBlank(n));
        if (names.isEmpty()) {
            throw top.error("tunnel.names", "must list at least one name for the server certificate");
        }
        var pingInterval = top.duration("tunnel.pingInterval", t.pingInterval(), d.pingInterval());
        var pingTimeout = top.duration("tunnel.pingTimeout", t.pingTimeout(), d.pingTimeout());
        var handshakeTimeout = top.duration("tunnel.handshakeTimeout", t.handshakeTimeout(), d.handshakeTimeout());
        var helloTimeout = top.duration("tunnel.helloTimeout", t.helloTimeout(), d.helloTimeout());
        int maxHandshakes = t.maxHandshakes() == null ? d.maxHandshakes() : t.maxHandshakes();
        int maxPerIp = t.maxHandshakesPerIp() == null ? d.maxHandshakesPerIp() : t.maxHandshakesPerIp();
        if (maxHandshakes < 1) {
            throw top.error("tunnel.maxHandshakes", "must be at least 1, got " + maxHandshakes);
        }
        if (maxPerIp < 1 || maxPerIp > maxHandshakes) {
            throw top.error("tunnel.maxHandshakesPerIp", "must be between 1 and tunnel.maxHandshakes ("
                    + maxHandshakes + "), got " + maxPerIp);
        }
        Optional<PublicAddress> publicAddress = t.publicAddress() == null ? d.publicAddress() : Optional.of(
                top.check("tunnel.publicAddress", () -> PublicAddress.parse(t.publicAddress()).requireIn(names)));
        var answerTimeout = top.duration("tunnel.answerTimeout", t.answerTimeout(), d.answerTimeout());
        // what the fields alone cannot show: pingTimeout must exceed pingInterval
        return top.check("tunnel.pingTimeout", () -> new TunnelConfig(bind, port, names, pingInterval, pingTimeout,
                handshakeTimeout, helloTimeout, maxHandshakes, maxPerIp, publicAddress, answerTimeout));
    }

    private static int maxConnections(Entry top, LimitsYaml limits) {
        if (limits == null || limits.maxConnections() == null) {
            return ServerConfig.DEFAULT_MAX_CONNECTIONS;
        }
        if (limits.maxConnections() < 1) {
            throw top.error("limits.maxConnections", "must be at least 1, got " + limits.maxConnections());
        }
        return limits.maxConnections();
    }

    private static HistoryConfig history(Entry top, HistoryYaml h) {
        HistoryConfig d = HistoryConfig.DEFAULTS;
        Duration retention = top.duration("history.retention", h.retention(), d.retention());
        int maxRows = h.maxRows() == null ? d.maxRows() : h.maxRows();
        if (maxRows < HistoryConfig.MIN_ROWS) {
            throw top.error("history.maxRows", "must be at least " + HistoryConfig.MIN_ROWS + ", got " + maxRows);
        }
        Duration interval = top.duration("history.refusalInterval", h.refusalInterval(), d.refusalInterval());
        if (interval.compareTo(HistoryConfig.MAX_REFUSAL_INTERVAL) > 0) {
            throw top.error("history.refusalInterval", "must be at most 1h, got " + h.refusalInterval());
        }
        return new HistoryConfig(retention, maxRows, interval);
    }

    private static AdminConfig admin(Entry top, AdminYaml a) {
        AdminConfig d = AdminConfig.DEFAULTS;
        String bind = a.bind() == null ? d.bind() : top.check("admin.bind", () -> notBlank(a.bind()));
        int port = a.port() == null ? d.port() : top.check("admin.port", () -> Ports.require(a.port(), 0));
        int maxPerIp = a.maxConnectionsPerIp() == null ? d.maxConnectionsPerIp() : a.maxConnectionsPerIp();
        if (maxPerIp < 1) {
            throw top.error("admin.maxConnectionsPerIp", "must be at least 1, got " + maxPerIp);
        }
        Duration requestTimeout = top.duration("admin.requestTimeout", a.requestTimeout(), d.requestTimeout());
        return new AdminConfig(a.enabled() == null || a.enabled(), bind, port, a.https() != null && a.https(),
                maxPerIp, requestTimeout);
    }

    private static String notBlank(String text) {
        if (text.isBlank() || !text.strip().equals(text) || text.contains(" ")) {
            throw new IllegalArgumentException("'" + text + "' must be a name or address without spaces");
        }
        return text;
    }

    record ServerYaml(String dataDir, DatabaseSettings.Yaml database, DatabaseSettings.ClusterYaml cluster,
                      DatabaseSettings.ServerYaml server, TunnelYaml tunnel, AdminYaml admin, LimitsYaml limits,
                      HistoryYaml history,
                      List<JsonNode> ipFilters, List<JsonNode> deployments) {
    }

    record AdminYaml(Boolean enabled, String bind, Integer port, Boolean https, Integer maxConnectionsPerIp,
                     String requestTimeout) {
    }

    record HistoryYaml(String retention, Integer maxRows, String refusalInterval) {
    }

    record TunnelYaml(String bind, Integer port, List<String> names, String pingInterval, String pingTimeout,
                      String handshakeTimeout, String helloTimeout, Integer maxHandshakes, Integer maxHandshakesPerIp,
                      String publicAddress, String answerTimeout) {
    }

    record LimitsYaml(Integer maxConnections) {
    }
}
