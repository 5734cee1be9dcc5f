package io.usp.server.config;

import io.usp.deployments.Listener;
import io.usp.deployments.cli.PrivateFiles;
import io.usp.deployments.store.SharedDatabase;
import io.usp.deployments.yaml.Entry;
import io.usp.protocol.pki.ClusterSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code database}, {@code cluster} and {@code server} blocks of server.yaml: a shared
 * PostgreSQL instead of the embedded H2 in {@code dataDir}, the cluster secret, and this server's
 * name and peer address among the others. The password and the secret are
 * read from files that must be owner-only, never from server.yaml itself.
 */
final class DatabaseSettings {

    record Yaml(String url, String user, String passwordFile) {
    }

    record ClusterYaml(String secretFile) {
    }

    record ServerYaml(String name, String peerAddress, String listenerBind) {
    }

    private DatabaseSettings() {
    }

    /** Both blocks or neither: a shared database keeps the CA's key sealed with the cluster secret. */
    static Optional<ClusterSettings> cluster(Entry top, Yaml database, ClusterYaml cluster, ServerYaml server) {
        if (database == null && cluster == null) {
            if (server != null) {
                throw top.error("server", "is only for servers sharing a database: add the database block");
            }
            return Optional.empty();
        }
        if (database == null) {
            throw top.error("cluster", "is only for servers sharing a database: add the database block");
        }
        SharedDatabase shared = read(top, database);
        if (cluster == null) {
            throw top.error("cluster.secretFile", "is required with a shared database: the CA's key is kept there"
                    + " sealed with a key derived from it (head -c 32 /dev/urandom > cluster.secret; chmod 600)");
        }
        Path secretFile = top.path("cluster.secretFile", cluster.secretFile());
        ClusterSecret secret = top.check("cluster.secretFile", () -> ClusterSecret.of(bytes(secretFile)));
        Optional<String> name = server == null || server.name() == null ? Optional.empty()
                : Optional.of(top.check("server.name", () -> {
                    ClusterSettings.requireName(server.name());
                    return server.name();
                }));
        Optional<PublicAddress> peer = server == null || server.peerAddress() == null ? Optional.empty()
                : Optional.of(top.check("server.peerAddress", () -> PublicAddress.parse(server.peerAddress())));
        Optional<String> listenerBind = server == null || server.listenerBind() == null ? Optional.empty()
                : Optional.of(top.check("server.listenerBind", () -> new Listener(server.listenerBind(), 0).bind()));
        return Optional.of(new ClusterSettings(shared, secret, name, peer, listenerBind));
    }

    static SharedDatabase read(Entry top, Yaml y) {
        String url = top.require("database.url", y.url());
        String user = top.require("database.user", y.user());
        Path passwordFile = top.path("database.passwordFile", y.passwordFile());
        String password = top.check("database.passwordFile", () -> password(passwordFile));
        return top.check("database.url", () -> new SharedDatabase(url, user, password));
    }

    /** The file's first line; the file must exist and be readable by its owner only. */
    private static String password(Path file) {
        String first = new String(bytes(file), java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElse("");
        if (first.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty: its first line is the password");
        }
        return first;
    }

    /** An owner-only file's bytes. */
    private static byte[] bytes(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist");
        }
        try {
            PrivateFiles.requireOwnerOnly(file);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
