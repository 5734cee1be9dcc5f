package io.usp.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp.server.config.ServerConfig;
import io.usp.server.config.TunnelConfig;
import io.usp.server.dispatch.Refusal;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A client whose tunnel is up but which never answers a stream request: after
 * {@code tunnel.answerTimeout} the server refuses the partner as {@code no-answer} and closes it,
 * while the partners of another client go on undisturbed.
 */
class NoAnswerTest extends WithTargets {

    @Test
    void aPartnerWhoseClientNeverAnswersIsClosedAfterTheAnswerTimeout() throws Exception {
        AtomicInteger hungAccepts = new AtomicInteger();
        int hungTarget = targets.start(Targets.counting(hungAccepts, Targets::echo));
        int echo = targets.start(Targets::echo);
        try (World world = new World(dir); LogLines log = LogLines.connections();
             LogLines uncaught = LogLines.uncaughtInPipelines()) {
            TunnelConfig quickToGiveUp = World.tunnelConfig().withAnswerTimeout(Duration.ofMillis(300));
            world.startServer(List.of(World.tunnelled("hung", "agent-hung", hungTarget),
                    World.tunnelled("echo", "agent-a", echo)), Clock.systemUTC(), ServerConfig.DEFAULT_MAX_CONNECTIONS,
                    quickToGiveUp);
            world.startClient("agent-a", World.allowLoopback());
            try (SilentClient hung = SilentClient.start(
                    world.config("agent-hung", world.credentials("agent-hung"), World.allowLoopback()))) {
                world.awaitTunnels("agent-hung", 2);
                world.awaitTunnels("agent-a", 2);
                byte[] hello = "a partner of another client, connected all along".getBytes(UTF_8);

                try (Socket other = Partner.connect(world.port("echo"));
                     Socket waiting = Partner.connect(world.port("hung"))) {
                    assertThat(Partner.roundTrip(other, hello)).isEqualTo(hello);
                    Await.until(() -> hung.asked() == 1, "the hung client got the stream request");
                    // Partner.connect reads with a 20 s timeout: closed before it, so well before the default 30 s
                    assertThat(Partner.closedByServer(waiting)).as("the waiting partner is closed").isTrue();
                    assertThat(Partner.roundTrip(other, hello)).as("the other client's partner goes on")
                            .isEqualTo(hello);
                }

                Await.until(() -> world.stats("hung").refused(Refusal.NO_ANSWER) == 1, "counted as no-answer");
                Await.until(() -> log.any("refused", "deployment=hung ", "reason=no-answer",
                        "client did not answer within 300 ms (tunnel.answerTimeout)"), "logged as no-answer");
                assertThat(world.server().metricsRegistry().scrape())
                        .contains("usp_connections_refused_total{deployment=\"hung\",reason=\"no-answer\"} 1.0");
                assertThat(world.stats("hung").relayed()).isZero();
                assertThat(hungAccepts.get()).as("connections the hung client's target saw").isZero();
                assertThat(world.server().tunnels().connections("agent-hung")).as("an unanswered stream costs "
                        + "the tunnel nothing").hasSize(2);
                assertThat(Partner.echoesExactly(world.port("echo"), "127.0.0.1", 1 << 20, 5, pool)).isTrue();
                assertThat(world.stats("echo").refused(Refusal.NO_ANSWER)).isZero();
            }
            assertThat(uncaught.lines()).as("exceptions no handler caught").isEmpty();
        }
    }
}
