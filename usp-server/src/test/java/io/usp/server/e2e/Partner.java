package io.usp.server.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** A partner: a plain socket to a listener, plus byte helpers for SHA-256-exact checks. */
final class Partner {

    private Partner() {
    }

    static Socket connect(int port) throws IOException {
        return connect(port, "127.0.0.1");
    }

    /** Connects from {@code source} (any 127.x.y.z works on Linux loopback). */
    static Socket connect(int port, String source) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        s.setSoTimeout(20_000);
        return s;
    }

    /** True when the server closed the connection without sending a byte. */
    static boolean closedByServer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    /** How many of {@code sockets} the server has closed; an open one is polled for {@code pollMillis}, never read from. */
    static long closedCount(List<Socket> sockets, int pollMillis) {
        synchronized (sockets) {
            return sockets.stream().filter(s -> closedNow(s, pollMillis)).count();
        }
    }

    private static boolean closedNow(Socket s, int pollMillis) {
        try {
            s.setSoTimeout(pollMillis);
            return s.getInputStream().read() == -1;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (SocketException reset) {
            return true;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Sends {@code size} random bytes from {@code source} through an echo deployment; true when they come back exact. */
    static boolean echoesExactly(int port, String source, int size, long seed, ExecutorService pool) throws Exception {
        byte[] data = random(size, seed);
        try (Socket s = connect(port, source)) {
            Future<Digest> back = pool.submit(() -> readAll(s.getInputStream()));
            s.getOutputStream().write(data);
            s.shutdownOutput();
            return back.get().sha256().equals(sha256(data));
        }
    }

    /** Writes {@code data} and reads back exactly as many bytes (from an echo target). */
    static byte[] roundTrip(Socket s, byte[] data) throws IOException {
        s.getOutputStream().write(data);
        s.getOutputStream().flush();
        return s.getInputStream().readNBytes(data.length);
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest().digest(data));
    }

    /** Reads to EOF, hashing as it goes; returns hex SHA-256 and byte count. */
    static Digest readAll(InputStream in) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            md.update(buf, 0, n);
            total += n;
        }
        return new Digest(HexFormat.of().formatHex(md.digest()), total);
    }

    record Digest(String sha256, long bytes) {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
