package io.usp.server.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;

/** Small blocking TCP targets on 127.0.0.1, one thread per connection. */
final class Targets implements AutoCloseable {

    /** What a target does with one accepted connection. */
    interface Behaviour {
        void serve(Socket socket) throws IOException;
    }

    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-target");
        t.setDaemon(true);
        return t;
    });
    private final List<ServerSocket> sockets = new ArrayList<>();
    private final List<Socket> placeholders = new ArrayList<>();

    /** Starts a target and returns its port. */
    int start(Behaviour behaviour) throws IOException {
        ServerSocket server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        sockets.add(server);
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    threads.execute(() -> {
                        try (s) {
                            behaviour.serve(s);
                        } catch (IOException e) {
                            // the partner side of a test decides what counts; a target just stops
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server.getLocalPort();
    }

    /** A port where connects are refused: bound, never listening, kept until {@link #close}. */
    int refusing() throws IOException {
        Socket placeholder = new Socket();
        placeholder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        placeholders.add(placeholder);
        return placeholder.getLocalPort();
    }

    /**
     * Stops accepting on the target at {@code port}; connections it already accepted go on. The port
     * stays bound (not listening), so a connect there is refused: a free port in the ephemeral range
     * could be handed to the connecting socket itself, which on loopback then connects to itself
     * (TCP simultaneous open) and hangs instead of being refused.
     */
    void stop(int port) throws IOException {
        for (ServerSocket s : sockets) {
            if (s.getLocalPort() == port) {
                s.close();
                placeholders.add(holdWhenFree(port));
            }
        }
    }

    /** Counts every connection the target accepts, then behaves as {@code behaviour}. */
    static Behaviour counting(AtomicInteger accepts, Behaviour behaviour) {
        return s -> {
            accepts.incrementAndGet();
            behaviour.serve(s);
        };
    }

    /** Sends back every byte until the partner half-closes, then half-closes too. */
    static void echo(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        in.transferTo(out);
        out.flush();
        s.shutdownOutput();
    }

    /** Binds {@code port} once the closed listener has let go of it (the JDK may close it after accept wakes). */
    private static Socket holdWhenFree(int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Socket placeholder = new Socket();
            placeholder.setReuseAddress(true); // connections the target accepted share the port
            try {
                placeholder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return placeholder;
            } catch (BindException stillListening) {
                placeholder.close();
                if (System.nanoTime() > deadline) {
                    throw stillListening;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (ServerSocket s : sockets) {
            s.close();
        }
        for (Socket s : placeholders) {
            s.close();
        }
        threads.shutdownNow();
    }
}
