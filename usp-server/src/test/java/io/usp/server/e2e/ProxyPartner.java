package io.usp.server.e2e;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A partner that speaks HTTP CONNECT or SOCKS5 by hand, byte by byte, to see every answer exactly. */
final class ProxyPartner {

    private ProxyPartner() {
    }

    /** Sends a CONNECT request for {@code authority} followed at once by {@code early}. */
    static void connect(Socket s, String authority, byte[] early) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(early);
        out.flush();
    }

    /** Reads an HTTP answer's head, up to and including the empty line. */
    static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed after " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Everything until the server closes. */
    static String rest(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    static byte[] read(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException("closed after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    /** A SOCKS5 CONNECT by domain name, no authentication, sent in one write with {@code early} behind it. */
    static void socks5(Socket s, String host, int port, byte[] early) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {5, 1, 0});
        out.write(socks5Request(1, host, port));
        out.write(early);
        s.getOutputStream().write(out.toByteArray());
        s.getOutputStream().flush();
    }

    static byte[] socks5Request(int command, String host, int port) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {5, (byte) command, 0, 3, (byte) name.length});
        out.writeBytes(name);
        out.writeBytes(new byte[] {(byte) (port >> 8), (byte) port});
        return out.toByteArray();
    }
}
