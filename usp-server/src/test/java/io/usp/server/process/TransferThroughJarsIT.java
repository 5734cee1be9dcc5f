package io.usp.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract end to end with the built jars: {@code issue-client}, the server's {@code run}
 * and the client's {@code run} as real processes, then a partner's bytes through the deployment
 * to a target and back, SHA-256-exact.
 */
@Timeout(180)
class TransferThroughJarsIT {

    private static final int SIZE = 8 * 1024 * 1024;

    @TempDir
    Path dir;

    private JarProcess server;
    private JarProcess client;
    private EchoTarget target;

    @AfterEach
    void stopAll() throws Exception {
        for (JarProcess p : new JarProcess[] {client, server}) {
            if (p != null) {
                p.close();
            }
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void partnerReachesTheTargetThroughTheTunnelByteForByte() throws Exception {
        target = EchoTarget.start();
        int tunnelPort = FreePorts.pick();
        int listenerPort = FreePorts.pick();
        Files.writeString(dir.resolve("server.yaml"), """
                dataDir: server-data
                tunnel:
                  bind: 127.0.0.1
                  port: %d
                  names: [localhost, 127.0.0.1]
                deployments:
                  - name: echo
                    listener: { bind: 127.0.0.1, port: %d }
                    target: { host: 127.0.0.1, port: %d }
                    client: it-agent
                """.formatted(tunnelPort, listenerPort, target.port()));

        try (JarProcess issue = JarProcess.start(JarProcess.SERVER_JAR, dir, "issue-client",
                "issue-client", "--config", "server.yaml", "--name", "it-agent", "--out", "agent")) {
            assertThat(issue.awaitExit()).as(issue.transcript()).isZero();
        }
        Files.writeString(dir.resolve("agent/client.yaml"), """
                name: it-agent
                server: { host: 127.0.0.1, port: %d }
                tls: { cert: it-agent.crt, key: it-agent.key, ca: ca.crt }
                reconnect: { minDelay: 50ms, maxDelay: 500ms }
                allow:
                  - cidrs: [127.0.0.1/32]
                    ports: [%d]
                """.formatted(tunnelPort, target.port()));

        server = JarProcess.start(JarProcess.SERVER_JAR, dir, "server", "run", "--config", "server.yaml");
        server.awaitOutput("127.0.0.1:" + listenerPort + "  deployment");
        assertThat(server.stdout()).contains("is running", "127.0.0.1:" + tunnelPort);
        client = JarProcess.start(JarProcess.CLIENT_JAR, dir, "client", "run", "--config", "agent/client.yaml");
        awaitRelay(listenerPort);

        byte[] data = new byte[SIZE];
        new Random(42).nextBytes(data);
        try (Socket partner = new Socket(InetAddress.getLoopbackAddress(), listenerPort)) {
            partner.setSoTimeout(60_000);
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> send(partner, data));
            Received back = Received.readAll(partner.getInputStream());
            sent.join();
            assertThat(back.count()).as("bytes echoed").isEqualTo(SIZE);
            assertThat(back.sha256()).as("SHA-256 of what came back").isEqualTo(sha256(data));
        }
        // the server's one line for this connection (the probes before it have their own)
        server.awaitOutput("via=it-agent bytesUp=" + SIZE + " bytesDown=" + SIZE);
        client.awaitOutput("bytesToTarget=" + SIZE + " bytesFromTarget=" + SIZE);

        // SIGTERM runs the shutdown hook: listeners closed, GOAWAY on the tunnels, then exit
        assertThat(server.terminate()).as(server.transcript()).isEqualTo(143);
        assertThat(server.stdout()).contains("listener down deployment=echo", "usp-server stopped");
    }

    /** Until the client's tunnel is up the server closes partners at once (no-client): probe until echoed. */
    private void awaitRelay(int listenerPort) throws IOException {
        long deadline = System.nanoTime() + JarProcess.DEADLINE.toNanos();
        byte[] probe = "probe\n".getBytes(StandardCharsets.US_ASCII);
        while (true) {
            if (!client.isAlive() || !server.isAlive()) {
                throw new AssertionError("a process exited\n" + server.transcript() + client.transcript());
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listenerPort)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(probe);
                s.shutdownOutput();
                if (new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).equals("probe\n")) {
                    return;
                }
            } catch (IOException e) {
                // refused or reset while the tunnel comes up: try again
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing relayed within " + JarProcess.DEADLINE + "\n"
                        + server.transcript() + client.transcript());
            }
            JarProcess.pause();
        }
    }

    private static void send(Socket partner, byte[] data) {
        try {
            OutputStream out = partner.getOutputStream();
            for (int off = 0; off < data.length; off += 64 * 1024) {
                out.write(data, off, Math.min(64 * 1024, data.length - off));
            }
            out.flush();
            partner.shutdownOutput();
        } catch (IOException e) {
            throw new IllegalStateException("sending failed", e);
        }
    }

    private static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private record Received(long count, String sha256) {

        static Received readAll(InputStream in) throws IOException, NoSuchAlgorithmException {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long count = 0;
            int n;
            while ((n = in.read(buffer)) != -1) {
                digest.update(buffer, 0, n);
                count += n;
            }
            return new Received(count, HexFormat.of().formatHex(digest.digest()));
        }
    }
}
