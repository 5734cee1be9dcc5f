package io.usp.server.config;

import io.usp.deployments.Deployment;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.ReservedPorts;
import io.usp.deployments.store.Database;
import io.usp.deployments.yaml.ConfigException;
import io.usp.server.ports.OwnPort;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server reads from its YAML file. Built by {@link ServerConfigLoader#load} or,
 * in code and tests, by {@link #of}. Deployments never clash: names are unique, no two listen on
 * the same non-zero port, and none listens on the tunnel port.
 *
 * @param file           the file it was read from; null when built in code
 * @param dataDir        absolute folder for the database (unless shared), CA and keys
 * @param cluster        a shared PostgreSQL and the cluster secret; empty: one server, the embedded H2 in
 *                       {@code dataDir}
 * @param tunnel         where clients connect
 * @param admin          where the admin UI and API listen
 * @param maxConnections partner connections the whole server admits at once
 * @param history        how much connection history is kept, and how refusals are summed
 * @param ipFilters      named IP filters the deployments may use
 * @param deployments    the desired state as written in the file
 */
public record ServerConfig(Path file, Path dataDir, Optional<ClusterSettings> cluster, TunnelConfig tunnel,
                           AdminConfig admin, int maxConnections, HistoryConfig history, List<NamedIpFilter> ipFilters,
                           List<Deployment> deployments) {

    /** Relative to the config file's folder. */
    public static final String DEFAULT_DATA_DIR = "data";
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    public ServerConfig {
        if (dataDir == null || !dataDir.isAbsolute()) {
            throw new IllegalArgumentException("dataDir must be an absolute path, got " + dataDir);
        }
        if (cluster == null) {
            throw new IllegalArgumentException("cluster is required (Optional.empty() for one server on H2)");
        }
        if (tunnel == null || admin == null) {
            throw new IllegalArgumentException("tunnel and admin are required");
        }
        if (history == null) {
            throw new IllegalArgumentException("history is required");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        ipFilters = List.copyOf(ipFilters);
        deployments = List.copyOf(deployments);
        checkClashes(file, reservedPorts(file, tunnel, admin), deployments);
    }

    /** The embedded H2 in {@code dataDir}. */
    public ServerConfig(Path file, Path dataDir, TunnelConfig tunnel, AdminConfig admin, int maxConnections,
                        HistoryConfig history, List<NamedIpFilter> ipFilters, List<Deployment> deployments) {
        this(file, dataDir, Optional.empty(), tunnel, admin, maxConnections, history, ipFilters, deployments);
    }

    /**
     * This server's name among the servers sharing its database: {@code server.name}, else the host
     * name; a server alone on H2 whose host name does not resolve is {@code localhost}.
     */
    public String serverName() {
        return cluster.map(ClusterSettings::name).orElseGet(() -> ClusterSettings.hostName().orElse("localhost"));
    }

    /** Where clients reach this server's tunnel port: {@code server.peerAddress}, else what clients are told. */
    public PublicAddress peerAddress(int boundTunnelPort) {
        return cluster.flatMap(ClusterSettings::peerAddress).orElseGet(() -> tunnel.addressForClients(boundTunnelPort));
    }

    /** A config built in code: no admin server, default server-wide limit, no file. */
    public static ServerConfig of(Path dataDir, TunnelConfig tunnel, List<Deployment> deployments) {
        return new ServerConfig(null, dataDir.toAbsolutePath().normalize(), tunnel, AdminConfig.DISABLED,
                DEFAULT_MAX_CONNECTIONS, HistoryConfig.DEFAULTS, List.of(), deployments);
    }

    /** The same config with another desired state (validated again). */
    public ServerConfig withDeployments(List<Deployment> newDeployments) {
        return new ServerConfig(file, dataDir, cluster, tunnel, admin, maxConnections, history, ipFilters,
                newDeployments);
    }

    /** The store: the shared PostgreSQL when one is configured, else the embedded H2 in {@code dataDir}. */
    public Database openDatabase(Clock clock) {
        return cluster.map(c -> Database.openShared(c.database(), clock, reservedPorts()))
                .orElseGet(() -> Database.open(dataDir, clock, reservedPorts()));
    }

    /** The tunnel port, named for errors. */
    public OwnPort tunnelPort() {
        return tunnelPort(file, tunnel);
    }

    /** The admin port, named for errors; empty when the admin server is off. */
    public Optional<OwnPort> adminPort() {
        return adminPort(file, admin);
    }

    /** The ports the server needs itself, which no deployment may take. */
    public ReservedPorts reservedPorts() {
        return reservedPorts(file, tunnel, admin);
    }

    private static OwnPort tunnelPort(Path file, TunnelConfig tunnel) {
        return new OwnPort("the tunnel port", "listen for tunnels", "tunnel", tunnel.bind(), tunnel.port(), file);
    }

    private static Optional<OwnPort> adminPort(Path file, AdminConfig admin) {
        return admin.enabled()
                ? Optional.of(new OwnPort("the admin server's port", "serve the admin UI and API", "admin",
                        admin.bind(), admin.port(), file))
                : Optional.empty();
    }

    private static ReservedPorts reservedPorts(Path file, TunnelConfig tunnel, AdminConfig admin) {
        Map<Integer, String> owners = new HashMap<>();
        adminPort(file, admin).ifPresent(p -> owners.put(p.port(), p.owner()));
        owners.put(tunnel.port(), tunnelPort(file, tunnel).owner());
        owners.remove(0);
        return new ReservedPorts(owners);
    }

    public Optional<Deployment> deployment(String name) {
        return deployments.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    private static void checkClashes(Path file, ReservedPorts reservedPorts, List<Deployment> deployments) {
        Map<String, Deployment> byName = new HashMap<>();
        Map<Integer, Deployment> byPort = new HashMap<>();
        for (Deployment d : deployments) {
            String entry = "deployment '" + d.name() + "'";
            if (byName.putIfAbsent(d.name(), d) != null) {
                throw new ConfigException(file, entry, "name", "another deployment has the same name");
            }
            int port = d.listener().port();
            if (port == 0) {
                continue; // any free port: never a clash
            }
            Optional<String> reserved = reservedPorts.refusal(d.listener());
            if (reserved.isPresent()) {
                throw new ConfigException(file, entry, "listener.port", reserved.get());
            }
            Deployment other = byPort.putIfAbsent(port, d);
            if (other != null) {
                throw new ConfigException(file, entry, "listener.port",
                        "port " + port + " is already used by deployment '" + other.name() + "'");
            }
        }
    }
}
