package io.usp.server.ftp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The addresses of data connections as FTP writes them: PASV/PORT (RFC 959) and EPSV/EPRT (RFC 2428). */
final class DataAddresses {

    private static final Pattern SIX = Pattern.compile("(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})");

    private DataAddresses() {
    }

    /** The address in a {@code 227} reply or a {@code PORT} argument: {@code h1,h2,h3,h4,p1,p2}. */
    static Optional<InetSocketAddress> six(String text) {
        Matcher m = SIX.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(m.group(i + 1));
            if (octet > 255) {
                return Optional.empty();
            }
            address[i] = (byte) octet;
        }
        int high = Integer.parseInt(m.group(5));
        int low = Integer.parseInt(m.group(6));
        if (high > 255 || low > 255 || (high == 0 && low == 0)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress(address), high * 256 + low));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    /** The argument of {@code EPRT}: {@code |1|132.235.1.2|6275|} or {@code |2|::1|6275|}, any delimiter. */
    static Optional<InetSocketAddress> eprt(String argument) {
        if (argument.length() < 7) {
            return Optional.empty();
        }
        String d = Pattern.quote(argument.substring(0, 1));
        String[] parts = argument.split(d, -1);
        if (parts.length != 5 || !parts[0].isEmpty() || !parts[4].isEmpty() || !parts[3].matches("\\d{1,5}")) {
            return Optional.empty();
        }
        int port = Integer.parseInt(parts[3]);
        boolean v4 = parts[1].equals("1");
        if ((!v4 && !parts[1].equals("2")) || port < 1 || port > 65535) {
            return Optional.empty();
        }
        String host = parts[2];
        if (v4 ? !host.matches("\\d{1,3}(\\.\\d{1,3}){3}") : !host.matches("[0-9a-fA-F:.]+") || !host.contains(":")) {
            return Optional.empty(); // literals only: never a name to look up
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            return (address instanceof Inet4Address) == v4 ? Optional.of(new InetSocketAddress(address, port))
                    : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The port of a {@code 229} reply: {@code (|||6446|)}. */
    static Optional<Integer> epsvPort(String text) {
        Matcher m = Pattern.compile("\\((.)\\1\\1(\\d{1,5})\\1\\)").matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(m.group(2));
        return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
    }

    static String pasv(Inet4Address address, int port) {
        byte[] b = address.getAddress();
        return "Entering Passive Mode (" + (b[0] & 0xff) + "," + (b[1] & 0xff) + "," + (b[2] & 0xff) + ","
                + (b[3] & 0xff) + "," + (port >> 8) + "," + (port & 0xff) + ").";
    }

    static String epsv(int port) {
        return "Entering Extended Passive Mode (|||" + port + "|)";
    }
}
