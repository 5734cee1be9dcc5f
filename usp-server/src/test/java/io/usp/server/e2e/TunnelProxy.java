package io.usp.server.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A TCP forwarder between client and server that a test can break the way networks break:
 * {@link #freeze()} stops moving bytes, FINs included, both ways, but keeps the connections open
 * (a stopped or unplugged client host), and {@link #cut()} resets every connection (a killed
 * client host).
 */
final class TunnelProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final IntSupplier upstreamPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger forwarded = new AtomicInteger();
    private volatile boolean frozen;

    TunnelProxy(int upstreamPort) throws IOException {
        this(() -> upstreamPort);
    }

    /** Asks for the upstream port at each connection: a proxy can exist before the server it points at. */
    TunnelProxy(IntSupplier upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "tunnel-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections it accepted and forwarded so far. */
    int forwarded() {
        return forwarded.get();
    }

    void freeze() {
        frozen = true;
    }

    void cut() throws IOException {
        for (Socket s : sockets) {
            try {
                s.setSoLinger(true, 0);
            } catch (java.net.SocketException closedMeanwhile) {
                // a pump closed it first: nothing left to reset
            }
            s.close();
        }
        sockets.clear();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket down = listener.accept();
                Socket up = new Socket();
                up.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort.getAsInt()));
                sockets.add(down);
                sockets.add(up);
                forwarded.incrementAndGet();
                pump(down, up);
                pump(up, down);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try {
                copy(from, to);
            } catch (IOException e) {
                // a cut or a closed peer ends the copy; the test judges the outcome
            }
            try {
                holdWhileFrozen(); // a frozen host sends no FIN and no reset either
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // close at once instead
            }
            try {
                from.close();
                to.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // ends this daemon thread, reported by its handler
            }
        }, "tunnel-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void copy(Socket from, Socket to) throws IOException {
        byte[] buf = new byte[64 * 1024];
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        int n;
        while ((n = in.read(buf)) != -1) {
            try {
                holdWhileFrozen();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            out.write(buf, 0, n);
        }
    }

    private void holdWhileFrozen() throws InterruptedException {
        while (frozen && !listener.isClosed()) {
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }
}
