package io.usp.bench.net;

import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A proxy from the command line: {@code connect://HOST:PORT} (HTTP CONNECT) or
 * {@code socks5://HOST:PORT} (SOCKS5, no authentication), e.g. a USP collection's listener.
 */
public record ProxyAddress(Protocol protocol, Endpoint endpoint) {

    /** Like a step of an exchange: a proxy that has not answered by then counts as a failure. */
    static final long HANDSHAKE_TIMEOUT_SECONDS = 5;

    public enum Protocol { CONNECT, SOCKS5 }

    public ProxyAddress {
        if (protocol == null || endpoint == null) {
            throw new IllegalArgumentException("a proxy needs a protocol and an address");
        }
    }

    public static ProxyAddress parse(String text) {
        int separator = text.indexOf("://");
        if (separator < 0) {
            throw new IllegalArgumentException("'" + text + "' has no scheme; expected connect://HOST:PORT or "
                    + "socks5://HOST:PORT");
        }
        String scheme = text.substring(0, separator).toLowerCase(Locale.ROOT);
        Protocol protocol = switch (scheme) {
            case "connect" -> Protocol.CONNECT;
            case "socks5" -> Protocol.SOCKS5;
            default -> throw new IllegalArgumentException("'" + scheme + "://' is not a proxy this tool speaks; "
                    + "expected connect://HOST:PORT or socks5://HOST:PORT");
        };
        String address = text.substring(separator + 3);
        if (address.endsWith("/")) {
            address = address.substring(0, address.length() - 1);
        }
        return new ProxyAddress(protocol, Endpoint.parse(address));
    }

    /**
     * The handshake of one connection, first in its pipeline: it takes the connection's remote
     * address as the destination to ask for and connects to {@code proxy} instead.
     *
     * @param proxy this proxy's address, resolved once
     */
    ProxyHandler handshake(InetSocketAddress proxy) {
        ProxyHandler handler = switch (protocol) {
            case CONNECT -> new HttpProxyHandler(proxy);
            case SOCKS5 -> new Socks5ProxyHandler(proxy);
        };
        handler.setConnectTimeoutMillis(TimeUnit.SECONDS.toMillis(HANDSHAKE_TIMEOUT_SECONDS));
        return handler;
    }

    @Override
    public String toString() {
        return protocol.name().toLowerCase(Locale.ROOT) + "://" + endpoint;
    }
}
