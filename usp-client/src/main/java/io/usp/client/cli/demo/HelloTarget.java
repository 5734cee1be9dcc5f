package io.usp.client.cli.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's internal target: answers any HTTP request with a short text and closes. Plain
 * blocking sockets, a thread per connection; it only has to be obvious, not fast.
 */
public final class HelloTarget implements AutoCloseable {

    public static final String BODY_TEXT = "hello from the internal target, reached through USP";

    private static final Logger LOG = LoggerFactory.getLogger("usp.hello-target");
    private static final int READ_TIMEOUT_MS = 5_000;
    private static final int MAX_HEAD = 16 * 1024;

    private final ServerSocket socket;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hello-target");
        t.setDaemon(true);
        return t;
    });

    private HelloTarget(ServerSocket socket) {
        this.socket = socket;
    }

    public static HelloTarget start(String bind, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName(bind), port));
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        HelloTarget target = new HelloTarget(socket);
        Thread accept = new Thread(target::acceptLoop, "hello-target-accept");
        accept.setDaemon(true);
        accept.start();
        return target;
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.execute(() -> answer(s));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private static void answer(Socket s) {
        try (s) {
            s.setSoTimeout(READ_TIMEOUT_MS);
            InputStream in = s.getInputStream();
            String requestLine = readHead(in);
            if (requestLine.isEmpty()) {
                return; // connected and left, or sent nothing: nothing to answer
            }
            byte[] body = (BODY_TEXT + "\n").getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            LOG.info("answered {} \"{}\"", s.getRemoteSocketAddress(), requestLine);
            s.shutdownOutput();
            drain(in);
        } catch (SocketTimeoutException e) {
            LOG.info("gave up on {}: no request within {} ms", s.getRemoteSocketAddress(), READ_TIMEOUT_MS);
        } catch (IOException e) {
            LOG.info("connection from {} failed: {}", s.getRemoteSocketAddress(), e.getMessage());
        }
    }

    /** Reads what the peer still sends, so closing sends FIN, not RST (which could cost it the answer). */
    private static void drain(InputStream in) {
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // timed out or reset: the answer is out either way
        }
    }

    /**
     * Reads up to the blank line that ends the request head and returns the first line. A peer
     * that sent a request line and then went quiet is answered anyway.
     */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        try {
            int b;
            while (head.size() < MAX_HEAD && (b = in.read()) != -1) {
                head.write(b);
                last4 = (last4 << 8) | b;
                if (last4 == 0x0d0a0d0a || (last4 & 0xffff) == 0x0a0a) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            if (head.size() == 0) {
                throw e;
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.warn("close failed: {}", e.getMessage());
        }
        connections.shutdownNow();
    }
}
