package io.usp.protocol.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** PING on each idle interval, overdue one interval later, closed at the ping timeout; any read resets. */
class KeepAliveTest {

    private final KeepAlive keepAlive = new KeepAlive(Duration.ofSeconds(2), Duration.ofSeconds(8));
    private final EmbeddedChannel channel = new EmbeddedChannel(keepAlive);

    private void idleInterval() {
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
    }

    private void pingSent() {
        Object out = channel.readOutbound();
        assertThat(out).isInstanceOf(Http2PingFrame.class);
        assertThat(((Http2PingFrame) out).ack()).isFalse();
    }

    @Test
    void aPeerThatStaysSilentIsOverdueAfterTwoIntervalsAndClosedAtTheTimeout() {
        idleInterval();
        pingSent();
        assertThat(keepAlive.pingOverdue()).as("a PING out for less than an interval").isFalse();

        idleInterval();
        pingSent();
        assertThat(keepAlive.pingOverdue()).isTrue();

        idleInterval();
        pingSent();
        assertThat(channel.isActive()).isTrue();
        idleInterval(); // 4 x 2 s = pingTimeout
        assertThat(channel.isActive()).as("closed as dead at the ping timeout").isFalse();
        assertThat((Object) channel.readOutbound()).as("no PING on a dead connection").isNull();
    }

    @Test
    void anythingReadClearsOverdueAndRestartsTheCount() {
        idleInterval();
        idleInterval();
        assertThat(keepAlive.pingOverdue()).isTrue();

        channel.writeInbound(new DefaultHttp2PingFrame(7, true));
        assertThat(keepAlive.pingOverdue()).isFalse();
        assertThat((Object) channel.readInbound()).as("what was read goes on").isInstanceOf(Http2PingFrame.class);
        for (int i = 0; i < 3; i++) {
            idleInterval();
        }
        assertThat(channel.isActive()).as("three silent intervals after the read: short of the timeout").isTrue();
        idleInterval();
        assertThat(channel.isActive()).isFalse();
    }
}
