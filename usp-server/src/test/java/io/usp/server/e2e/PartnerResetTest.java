package io.usp.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A partner that aborts its connection (a TCP RST) ends it the normal way: one connection line
 * with its reason, and nothing left for Netty to warn about, whether its relay was running or its
 * client had not answered yet.
 */
class PartnerResetTest extends WithTargets {

    @Test
    void aPartnerResetDuringTheRelayIsLoggedAsAReset() throws Exception {
        int echo = targets.start(Targets::echo);
        try (World world = new World(dir); LogLines log = LogLines.connections();
             LogLines uncaught = LogLines.uncaughtInPipelines()) {
            world.startServer(List.of(World.tunnelled("echo", "agent-a", echo)));
            world.startClient("agent-a", World.allowLoopback());
            world.awaitTunnels("agent-a", 2);
            byte[] hello = "hello before the reset".getBytes(UTF_8);

            Socket partner = Partner.connect(world.port("echo"));
            assertThat(Partner.roundTrip(partner, hello)).isEqualTo(hello);
            reset(partner);

            Await.until(() -> log.any("closed deployment=echo "), "the connection line");
            assertThat(log.lines()).singleElement().asString().contains("reason=\"partner reset\"");
            assertThat(uncaught.lines()).as("exceptions no handler caught").isEmpty();
        }
    }

    @Test
    void aPartnerResetBeforeItsClientAnsweredIsAbandoned() throws Exception {
        int echo = targets.start(Targets::echo);
        try (World world = new World(dir); LogLines log = LogLines.connections();
             LogLines uncaught = LogLines.uncaughtInPipelines()) {
            world.startServer(List.of(World.tunnelled("hung", "agent-hung", echo)));
            try (SilentClient hung = SilentClient.start(
                    world.config("agent-hung", world.credentials("agent-hung"), World.allowLoopback()))) {
                world.awaitTunnels("agent-hung", 2);
                Socket partner = Partner.connect(world.port("hung"));
                Await.until(() -> hung.asked() == 1, "the client got the stream request");
                reset(partner);

                Await.until(() -> log.any("abandoned deployment=hung "), "the connection line");
                assertThat(log.lines()).singleElement().asString()
                        .contains("reason=\"partner left before the target answered\"");
                assertThat(uncaught.lines()).as("exceptions no handler caught").isEmpty();
            }
        }
    }

    private static void reset(Socket partner) throws Exception {
        partner.setSoLinger(true, 0);
        partner.close();
    }
}
