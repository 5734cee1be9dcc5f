package io.usp.server.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An internal web service for real HTTP clients: {@code GET /blob} sends a fixed random body,
 * {@code POST /sha256} answers the SHA-256 of what it received.
 */
final class WebTarget implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final byte[] blob;

    WebTarget(byte[] blob) throws IOException {
        this.blob = blob;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext("/blob", exchange -> {
            exchange.sendResponseHeaders(200, blob.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(blob);
            }
        });
        server.createContext("/sha256", exchange -> {
            MessageDigest digest = Partner.digest();
            byte[] chunk = new byte[65536];
            for (int n; (n = exchange.getRequestBody().read(chunk)) > 0; ) {
                digest.update(chunk, 0, n);
            }
            byte[] answer = HexFormat.of().formatHex(digest.digest()).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    byte[] blob() {
        return blob;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
