package io.usp.client.config;

import io.usp.deployments.AllowList;
import io.usp.deployments.Names;
import io.usp.deployments.Ports;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the client reads from its YAML file. Built by {@link ClientConfigLoader#load} or,
 * in code and tests, by {@link #of}. Every default lives here.
 *
 * @param file           the file it was read from; null when built in code
 * @param name           the client's name, as in its certificate and in deployments' {@code client}
 * @param server         where the tunnel is dialled
 * @param tls            this client's certificate and key, and the CA that signed the server's
 * @param connections    tunnel connections kept open to the server, 1..16
 * @param connectTimeout how long connecting to a target may take
 * @param pingInterval   send an HTTP/2 PING when a tunnel connection was idle this long
 * @param pingTimeout    a tunnel connection silent this long is dead; longer than pingInterval
 * @param reconnect      backoff between attempts to dial the server
 * @param allow          the targets this client agrees to reach; deny by default
 */
public record ClientConfig(Path file, String name, ServerAddress server, TlsFiles tls, int connections,
                           Duration connectTimeout, Duration pingInterval, Duration pingTimeout,
                           Reconnect reconnect, AllowList allow) {

    public static final int DEFAULT_CONNECTIONS = 2;
    public static final int MAX_CONNECTIONS = 16;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(8);

    public ClientConfig {
        Names.require(name, "name");
        if (server == null || tls == null || reconnect == null || allow == null) {
            throw new IllegalArgumentException("server, tls, reconnect and allow are required");
        }
        requireConnections(connections);
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(pingInterval, "pingInterval");
        requirePositive(pingTimeout, "pingTimeout");
        if (pingTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("pingTimeout (" + pingTimeout.toMillis()
                    + " ms) must be longer than pingInterval (" + pingInterval.toMillis() + " ms)");
        }
    }

    /** A config built in code, every other setting at its default. */
    public static ClientConfig of(String name, ServerAddress server, TlsFiles tls, AllowList allow) {
        return new ClientConfig(null, name, server, tls, DEFAULT_CONNECTIONS, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_PING_INTERVAL, DEFAULT_PING_TIMEOUT, Reconnect.DEFAULT, allow);
    }

    static int requireConnections(int connections) {
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("connections must be 1.." + MAX_CONNECTIONS + ", got " + connections);
        }
        return connections;
    }

    static void requirePositive(Duration d, String field) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be positive");
        }
    }

    /** The server's tunnel endpoint. */
    public record ServerAddress(String host, int port) {

        /** The server's default tunnel port. */
        public static final int DEFAULT_PORT = 7443;

        public ServerAddress {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host is required");
            }
            Ports.require(port, 1);
        }
    }

    /** PEM files, held as absolute paths. The key never leaves this machine. */
    public record TlsFiles(Path cert, Path key, Path ca) {

        public TlsFiles {
            if (cert == null || key == null || ca == null) {
                throw new IllegalArgumentException("cert, key and ca are required");
            }
            cert = cert.toAbsolutePath().normalize();
            key = key.toAbsolutePath().normalize();
            ca = ca.toAbsolutePath().normalize();
        }
    }

    /** Exponential backoff with jitter between {@code minDelay} and {@code maxDelay}. */
    public record Reconnect(Duration minDelay, Duration maxDelay) {

        public static final Reconnect DEFAULT = new Reconnect(Duration.ofMillis(500), Duration.ofSeconds(30));

        public Reconnect {
            requirePositive(minDelay, "minDelay");
            requirePositive(maxDelay, "maxDelay");
            if (maxDelay.compareTo(minDelay) < 0) {
                throw new IllegalArgumentException("maxDelay (" + maxDelay.toMillis()
                        + " ms) must not be shorter than minDelay (" + minDelay.toMillis() + " ms)");
            }
        }
    }
}
