package io.usp.server.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The internal target of the process tests: plain blocking Java, no Netty, so it shares nothing
 * with the code under test. Sends back every byte it receives and closes its side after the peer's.
 */
final class EchoTarget implements AutoCloseable {

    private final ServerSocket socket;

    private EchoTarget(ServerSocket socket) {
        this.socket = socket;
    }

    static EchoTarget start() throws IOException {
        EchoTarget target = new EchoTarget(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        daemon(target::acceptLoop);
        return target;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                daemon(() -> echo(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void echo(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            in.transferTo(out);
            out.flush();
            s.shutdownOutput();
        } catch (IOException e) {
            // the test on the other side reports what went wrong
        }
    }

    private static void daemon(Runnable task) {
        Thread t = new Thread(task, "echo-target");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
