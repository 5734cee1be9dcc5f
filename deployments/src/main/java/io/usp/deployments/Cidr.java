package io.usp.deployments;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network in CIDR notation. A bare address means a single host (/32 or /128).
 * Parsing never does a DNS lookup: only IP literals are accepted.
 */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        int max = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0.." + max);
        }
        network = masked(network, prefixLength);
    }

    /** Parses {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a bare address. */
    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        InetAddress network = parseLiteral(address, text);
        int max = network.getAddress().length * 8;
        if (slash < 0) {
            return new Cidr(network, max);
        }
        String prefix = s.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length after '/'");
        }
        int length = Integer.parseInt(prefix);
        // Java turns ::ffff:a.b.c.d into an IPv4 address; its prefix still counts 128 bits
        boolean mapped = address.contains(":") && max == 32;
        int written = mapped ? 128 : max;
        if (length > written) {
            throw new IllegalArgumentException("'" + text + "' has prefix length " + length + ", more than " + written);
        }
        if (mapped && length < 96) {
            throw new IllegalArgumentException("'" + text + "' reaches beyond the IPv4-mapped range ::ffff:0:0/96");
        }
        return new Cidr(network, mapped ? length - 96 : length);
    }

    /** True when {@code address} lies in this network; IPv4-mapped IPv6 addresses match IPv4 networks. */
    public boolean contains(InetAddress address) {
        byte[] candidate = unmapped(address).getAddress();
        byte[] net = network.getAddress();
        if (candidate.length != net.length) {
            return false;
        }
        return Arrays.equals(net, masked(candidate, prefixLength));
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    /** {@code host} as an address when it is an IPv4 or IPv6 literal (no lookup); empty for a name. */
    public static Optional<InetAddress> literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return Optional.of(parseLiteral(h, host));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a name: not an error here, the caller resolves it elsewhere
        }
    }

    static InetAddress parseLiteral(String address, String original) {
        boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("'" + original + "' is not an IPv4 or IPv6 address or CIDR");
        }
        try {
            return InetAddress.getByName(address); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + original + "' is not a valid IP address");
        }
    }

    private static InetAddress unmapped(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16 && isV4Mapped(b)) {
            try {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static InetAddress masked(InetAddress address, int prefixLength) {
        try {
            return InetAddress.getByAddress(masked(address.getAddress(), prefixLength));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] masked(byte[] bytes, int prefixLength) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefixLength - i * 8));
            out[i] &= (byte) (0xff << (8 - bitsHere));
        }
        return out;
    }
}
