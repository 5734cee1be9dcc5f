package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bytes through a real tunnel: exact both ways, in bulk, in parallel, with half-close. */
class TransferTest {

    @TempDir
    Path dir;
    World world;
    Targets targets;

    @BeforeEach
    void setUp() {
        world = new World(dir);
        targets = new Targets();
    }

    @AfterEach
    void tearDown() throws Exception {
        world.close();
        targets.close();
    }

    private int tunnelledEcho() throws Exception {
        int target = targets.start(Targets::echo);
        world.startServer(List.of(World.tunnelled("echo", "agent-a", target)));
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);
        return world.port("echo");
    }

    @Test
    void largeTransferBothWaysIsByteExact() throws Exception {
        int port = tunnelledEcho();
        byte[] up = Partner.random(48 * 1024 * 1024, 1);
        try (Socket s = Partner.connect(port)) {
            Future<Partner.Digest> down = Executors.newSingleThreadExecutor().submit(() -> Partner.readAll(s.getInputStream()));
            OutputStream out = s.getOutputStream();
            out.write(up);
            s.shutdownOutput();
            Partner.Digest echoed = down.get();
            assertThat(echoed.bytes()).isEqualTo(up.length);
            assertThat(echoed.sha256()).isEqualTo(Partner.sha256(up));
        }
        Await.until(() -> world.stats("echo").relayed() == 1, "the relay closed");
        assertThat(world.stats("echo").bytesFromPartners()).isEqualTo(up.length);
        assertThat(world.stats("echo").bytesToPartners()).isEqualTo(up.length);
    }

    @Test
    void largeDownloadFromTargetIsByteExact() throws Exception {
        byte[] blob = Partner.random(64 * 1024 * 1024, 2);
        int target = targets.start(s -> {
            s.getOutputStream().write(blob);
            s.shutdownOutput();
            s.getInputStream().readAllBytes();
        });
        world.startServer(List.of(World.tunnelled("download", "agent-a", target)));
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);
        try (Socket s = Partner.connect(world.port("download"))) {
            Partner.Digest got = Partner.readAll(s.getInputStream());
            assertThat(got.bytes()).isEqualTo(blob.length);
            assertThat(got.sha256()).isEqualTo(Partner.sha256(blob));
        }
    }

    @Test
    void halfClosedPartnerStillReceivesTheWholeAnswer() throws Exception {
        byte[] answer = Partner.random(5 * 1024 * 1024, 3);
        int target = targets.start(s -> {
            byte[] request = s.getInputStream().readAllBytes(); // until the partner's FIN
            s.getOutputStream().write(request);
            s.getOutputStream().write(answer);
            s.shutdownOutput();
        });
        world.startServer(List.of(World.tunnelled("half", "agent-a", target)));
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);
        byte[] request = "request then FIN\n".getBytes();
        try (Socket s = Partner.connect(world.port("half"))) {
            s.getOutputStream().write(request);
            s.shutdownOutput();
            byte[] got = s.getInputStream().readAllBytes();
            assertThat(got).hasSize(request.length + answer.length);
            byte[] expected = new byte[request.length + answer.length];
            System.arraycopy(request, 0, expected, 0, request.length);
            System.arraycopy(answer, 0, expected, request.length, answer.length);
            assertThat(Partner.sha256(got)).isEqualTo(Partner.sha256(expected));
        }
        Await.until(() -> world.stats("half").relayed() == 1, "the relay closed");
    }

    @Test
    void targetThatSpeaksFirstAndClosesAtOnceIsRelayedWhole() throws Exception {
        byte[] banner = Partner.random(300 * 1024, 5);
        int target = targets.start(s -> {
            s.getOutputStream().write(banner); // before the relay exists: held, not lost
            s.shutdownOutput();
        });
        world.startServer(List.of(World.tunnelled("banner", "agent-a", target), World.direct("banner-direct", target)));
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);
        for (String deployment : List.of("banner", "banner-direct")) {
            try (Socket s = Partner.connect(world.port(deployment))) {
                Partner.Digest got = Partner.readAll(s.getInputStream());
                assertThat(got.sha256()).as(deployment).isEqualTo(Partner.sha256(banner));
            }
        }
    }

    @Test
    void partnerThatSendsAndClosesBeforeTheTargetAnswersLosesNothing() throws Exception {
        int port = tunnelledEcho();
        byte[] request = Partner.random(200 * 1024, 6);
        try (Socket s = Partner.connect(port)) {
            s.getOutputStream().write(request); // data and FIN arrive before the stream is open
            s.shutdownOutput();
            assertThat(Partner.readAll(s.getInputStream()).sha256()).isEqualTo(Partner.sha256(request));
        }
    }

    @Test
    void twoHundredParallelConnectionsAllExact() throws Exception {
        int port = tunnelledEcho();
        ExecutorService pool = Executors.newFixedThreadPool(200);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long seed = i;
            results.add(pool.submit(() -> {
                byte[] data = Partner.random(256 * 1024, seed);
                try (Socket s = Partner.connect(port)) {
                    Future<Partner.Digest> echoed = Executors.newSingleThreadExecutor()
                            .submit(() -> Partner.readAll(s.getInputStream()));
                    s.getOutputStream().write(data);
                    s.shutdownOutput();
                    return echoed.get().sha256().equals(Partner.sha256(data));
                }
            }));
        }
        for (Future<Boolean> r : results) {
            assertThat(r.get()).isTrue();
        }
        pool.shutdown();
        Await.until(() -> world.stats("echo").relayed() == 200, "all 200 relays closed");
        assertThat(world.server().tunnels().connections("agent-a"))
                .as("streams spread over both tunnel connections")
                .allSatisfy(c -> assertThat(c.isActive()).isTrue());
    }

    @Test
    void threeHundredConnectionsHeldOpenAtOnceAllGetThrough() throws Exception {
        int port = tunnelledEcho(); // two tunnel connections: 150 streams on each, over HTTP/2's usual 100
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket s = Partner.connect(port);
                open.add(s);
                byte[] hello = ("hello " + i).getBytes(StandardCharsets.US_ASCII);
                s.getOutputStream().write(hello);
                assertThat(s.getInputStream().readNBytes(hello.length)).as("echo on connection %d", i).isEqualTo(hello);
            }
            assertThat(world.stats("echo").relayed()).as("none closed while all are open").isZero();
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
        Await.until(() -> world.stats("echo").relayed() == 300, "all 300 relays closed");
    }

    @Test
    void directDeploymentRelaysWithoutAClient() throws Exception {
        int target = targets.start(Targets::echo);
        world.startServer(List.of(World.direct("direct", target)));
        byte[] data = Partner.random(8 * 1024 * 1024, 4);
        try (Socket s = Partner.connect(world.port("direct"))) {
            Future<Partner.Digest> echoed = Executors.newSingleThreadExecutor().submit(() -> Partner.readAll(s.getInputStream()));
            s.getOutputStream().write(data);
            s.shutdownOutput();
            assertThat(echoed.get().sha256()).isEqualTo(Partner.sha256(data));
        }
    }
}
