package io.usp.server.config;

import io.usp.deployments.store.SharedDatabase;
import io.usp.protocol.pki.ClusterSecret;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * What makes a server one of a cluster: the shared PostgreSQL ({@code database}), the cluster
 * secret ({@code cluster.secretFile}), the same file on every server, with which the CA's key is
 * sealed in that database, and how this server is known among the others ({@code server.name},
 * {@code server.peerAddress}; by default the host name, and the address clients are given for
 * the tunnel port), and where its listeners bind ({@code server.listenerBind}: one address for all
 * of them instead of each deployment's {@code listener.bind}, e.g. this server's DMZ interface).
 */
public record ClusterSettings(SharedDatabase database, ClusterSecret secret, Optional<String> serverName,
                              Optional<PublicAddress> peerAddress, Optional<String> listenerBind) {

    public ClusterSettings {
        if (database == null || secret == null || serverName == null || peerAddress == null || listenerBind == null) {
            throw new IllegalArgumentException("a cluster needs the shared database and the cluster secret");
        }
        serverName.ifPresent(ClusterSettings::requireName);
    }

    /** A server named by its host, reached where clients are told the tunnel port is. */
    public ClusterSettings(SharedDatabase database, ClusterSecret secret) {
        this(database, secret, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same cluster for a server named {@code name}. */
    public ClusterSettings named(String name) {
        return new ClusterSettings(database, secret, Optional.of(name), peerAddress, listenerBind);
    }

    /** The same cluster for a server whose listeners all bind {@code address}. */
    public ClusterSettings listeningOn(String address) {
        return new ClusterSettings(database, secret, serverName, peerAddress, Optional.of(address));
    }

    /** This server's name: the one configured, else the host name. */
    public String name() {
        return serverName.orElseGet(() -> hostName().orElseThrow(() -> new IllegalStateException(
                "server.name: the host name cannot be resolved; set server.name in server.yaml")));
    }

    /** The host name, if it resolves. */
    static Optional<String> hostName() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static void requireName(String name) {
        if (name.isEmpty() || name.length() > 100 || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("'" + name + "' must be 1 to 100 letters, digits, dots, dashes or"
                    + " underscores, starting with a letter or digit");
        }
    }
}
