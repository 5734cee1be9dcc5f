package io.usp.server.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which tunnel connection a new stream goes to. */
class TunnelRegistryTest {

    private final TunnelRegistry registry = new TunnelRegistry();
    private final EmbeddedChannel first = new EmbeddedChannel();
    private final EmbeddedChannel second = new EmbeddedChannel();
    private final TunnelConnection a = new TunnelConnection("agent-a", null, first, Instant.EPOCH);
    private final TunnelConnection b = new TunnelConnection("agent-a", null, second, Instant.EPOCH);

    TunnelRegistryTest() {
        registry.add(a);
        registry.add(b);
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
}
