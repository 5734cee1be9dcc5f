package io.usp.server.config;

import io.usp.deployments.Ports;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the server accepts tunnel connections from clients, and how it keeps them alive.
 *
 * @param bind             local address to bind
 * @param port             TCP port; 0 picks a free one (tests)
 * @param names            DNS names and addresses written into the server certificate
 * @param pingInterval     send an HTTP/2 PING when a tunnel connection was idle this long
 * @param pingTimeout      a tunnel connection silent this long is dead; longer than pingInterval
 * @param handshakeTimeout a connection that has not finished TLS by then is closed
 * @param helloTimeout     a connection that has sent nothing by then is closed: a client sends its TLS
 *                         ClientHello at once, so a silent connection gives its handshake slot back early
 * @param maxHandshakes    connections still in the TLS handshake, server-wide; one more is closed at once
 * @param maxHandshakesPerIp the same from one source address, so one host cannot take every slot
 * @param publicAddress    what enrollment tokens carry; empty: the first of names and the bound port
 * @param answerTimeout    how long the server waits for a client's answer to a stream request
 */
public record TunnelConfig(String bind, int port, List<String> names, Duration pingInterval,
                           Duration pingTimeout, Duration handshakeTimeout, Duration helloTimeout, int maxHandshakes,
                           int maxHandshakesPerIp, Optional<PublicAddress> publicAddress, Duration answerTimeout) {

    /** Room for one TCP retransmission of a lost ClientHello (initial RTO 1 s), and short for a silent flood. */
    public static final Duration DEFAULT_HELLO_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_MAX_HANDSHAKES = 256;
    public static final int DEFAULT_MAX_HANDSHAKES_PER_IP = 16;
    /** Longer than any sane client connect timeout; past it the partner is not kept waiting. */
    public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(30);

    /** Every default of the {@code tunnel:} section, in one place. */
    public static final TunnelConfig DEFAULTS = new TunnelConfig("0.0.0.0", 7443, List.of("localhost", "127.0.0.1"),
            Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(10));

    public TunnelConfig {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("bind is required");
        }
        Ports.require(port, 0);
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("names must list at least one name for the server certificate");
        }
        requirePositive(pingInterval, "pingInterval");
        requirePositive(pingTimeout, "pingTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(helloTimeout, "helloTimeout");
        if (pingTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("pingTimeout (" + pingTimeout.toMillis()
                    + " ms) must be longer than pingInterval (" + pingInterval.toMillis() + " ms)");
        }
        requireHandshakeCaps(maxHandshakes, maxHandshakesPerIp);
        if (publicAddress.isPresent()) {
            publicAddress.get().requireIn(names);
        }
        requirePositive(answerTimeout, "answerTimeout");
    }

    /** With the default hello timeout and handshake caps, no public address and the default answer timeout. */
    public TunnelConfig(String bind, int port, List<String> names, Duration pingInterval, Duration pingTimeout,
                        Duration handshakeTimeout) {
        this(bind, port, names, pingInterval, pingTimeout, handshakeTimeout, DEFAULT_HELLO_TIMEOUT,
                DEFAULT_MAX_HANDSHAKES, DEFAULT_MAX_HANDSHAKES_PER_IP, Optional.empty(), DEFAULT_ANSWER_TIMEOUT);
    }

    /** The same settings on another port, e.g. 0 in tests. */
    public TunnelConfig withPort(int newPort) {
        return new TunnelConfig(bind, newPort, names, pingInterval, pingTimeout, handshakeTimeout, helloTimeout,
                maxHandshakes, maxHandshakesPerIp, publicAddress, answerTimeout);
    }

    /** The same settings with other handshake caps. */
    public TunnelConfig withHandshakeCaps(int max, int perIp) {
        return new TunnelConfig(bind, port, names, pingInterval, pingTimeout, handshakeTimeout, helloTimeout,
                max, perIp, publicAddress, answerTimeout);
    }

    /** The same settings with another wait for a connection's first bytes. */
    public TunnelConfig withHelloTimeout(Duration timeout) {
        return new TunnelConfig(bind, port, names, pingInterval, pingTimeout, handshakeTimeout, timeout, maxHandshakes,
                maxHandshakesPerIp, publicAddress, answerTimeout);
    }

    /** The same settings with enrollment tokens carrying {@code address}. */
    public TunnelConfig withPublicAddress(PublicAddress address) {
        return new TunnelConfig(bind, port, names, pingInterval, pingTimeout, handshakeTimeout, helloTimeout,
                maxHandshakes, maxHandshakesPerIp, Optional.of(address), answerTimeout);
    }

    /** The same settings with another wait for a client's answer. */
    public TunnelConfig withAnswerTimeout(Duration timeout) {
        return new TunnelConfig(bind, port, names, pingInterval, pingTimeout, handshakeTimeout, helloTimeout,
                maxHandshakes, maxHandshakesPerIp, publicAddress, timeout);
    }

    /** The address clients are told to dial: publicAddress, else the first of names and {@code boundPort}. */
    public PublicAddress addressForClients(int boundPort) {
        return publicAddress.orElseGet(() -> new PublicAddress(names.get(0), boundPort));
    }

    private static void requireHandshakeCaps(int max, int perIp) {
        if (max < 1) {
            throw new IllegalArgumentException("maxHandshakes must be at least 1, got " + max);
        }
        if (perIp < 1) {
            throw new IllegalArgumentException("maxHandshakesPerIp must be at least 1, got " + perIp);
        }
        if (perIp > max) {
            throw new IllegalArgumentException("maxHandshakesPerIp must be between 1 and maxHandshakes (" + max
                    + "), got " + perIp);
        }
    }

    static void requirePositive(Duration d, String field) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be positive");
        }
    }
}
