package io.usp.server.dispatch;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Socket addresses as {@code ip:port} text, IPv6 bracketed, without DNS lookups. */
public final class Addresses {

    private Addresses() {
    }

    /** The address alone, without the port: what refusals are summed by. */
    public static String host(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    public static String text(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String ip = inet.getAddress().getHostAddress();
            return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
