package io.usp.server.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.usp.protocol.tunnel.KeepAlive;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which tunnel connection a new stream goes to. */
class TunnelRegistryTest {

    private final TunnelRegistry registry = new TunnelRegistry();
    private final KeepAlive firstKeepAlive = keepAlive();
    private final EmbeddedChannel first = new EmbeddedChannel(firstKeepAlive);
    private final EmbeddedChannel second = new EmbeddedChannel(keepAlive());
    private final TunnelConnection a = new TunnelConnection("agent-a", null, first, Instant.EPOCH, firstKeepAlive);
    private final TunnelConnection b = new TunnelConnection("agent-a", null, second, Instant.EPOCH,
            second.pipeline().get(KeepAlive.class));

    TunnelRegistryTest() {
        registry.add(a);
        registry.add(b);
    }

    private static KeepAlive keepAlive() {
        return new KeepAlive(Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    @Test
    void amongEquallyLoadedConnectionsThePartnersOwnLoopWins() {
        assertThat(registry.pick("agent-a", second.eventLoop())).contains(b);
        assertThat(registry.pick("agent-a", first.eventLoop())).contains(a);
    }

    @Test
    void fewerStreamsBeatTheSameLoop() {
        b.streamOpening();
        assertThat(registry.pick("agent-a", second.eventLoop())).contains(a);
    }

    @Test
    void closedConnectionsAreNotPickedAndUnknownClientsGetNothing() {
        first.close();
        assertThat(registry.pick("agent-a", first.eventLoop())).contains(b);
        assertThat(registry.connections("agent-a")).containsExactly(b);
        assertThat(registry.pick("agent-b", first.eventLoop())).isEmpty();
    }

    @Test
    void aConnectionWhosePingIsOverdueGetsNoNewStreamsUntilItSpeaksAgain() {
        b.streamOpening(); // without the PING check the idle first connection would win
        first.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(registry.pick("agent-a", first.eventLoop())).as("one PING out, not yet overdue").contains(a);

        first.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(a.isAnswering()).isFalse();
        assertThat(registry.pick("agent-a", first.eventLoop())).contains(b);
        second.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        second.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(registry.pick("agent-a", first.eventLoop())).as("no connection answers").isEmpty();

        first.writeInbound(new DefaultHttp2PingFrame(1, true));
        assertThat(registry.pick("agent-a", second.eventLoop())).as("the PING answer clears it").contains(a);
        assertThat(registry.connections("agent-a")).containsExactly(a, b);
    }
}
