package io.usp.bench.flood;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.usp.bench.net.Endpoint;
import io.usp.bench.net.Loops;
import io.usp.bench.target.Target;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FloodTest {

    static Loops loops;
    static Loops probe;
    static Target echo;
    static Channel refuser;

    @BeforeAll
    static void start() throws InterruptedException {
        loops = Loops.open("test");
        probe = Loops.open("test-probe", 1);
        echo = Target.echo(loops.group(), "127.0.0.1", 0);
        refuser = new ServerBootstrap()
                .group(loops.group())
                .channel(NioServerSocketChannel.class)
                .childHandler(new Refuser())
                .bind("127.0.0.1", 0).sync().channel();
    }

    @AfterAll
    static void stop() {
        refuser.close().syncUninterruptibly();
        echo.close();
        probe.close();
        loops.close();
    }

    @Test
    void floodsUntilTheMaximumWhileRecordingRoundTrips() throws Exception {
        FloodResult result = Flood.run(loops.group(), probe.group(), settings(500));
        assertThat(result.connects()).isEqualTo(500);
        assertThat(result.errors()).isZero();
        assertThat(result.connectsPerSecond()).isPositive();
        assertThat(result.floodSeconds()).isLessThan(10);
        assertThat(result.roundTrips().count()).isPositive();
    }

    @Test
    void theBaselineMakesRoundTripsAloneForTheWholeDuration() throws Exception {
        FloodResult result = Flood.run(loops.group(), probe.group(), settings(0));
        assertThat(result.connects()).isZero();
        assertThat(result.floodSeconds()).isGreaterThanOrEqualTo(1.0);
        assertThat(result.roundTrips().count()).isPositive();
    }

    private static FloodSettings settings(long maxConnects) throws Exception {
        int blocked = ((InetSocketAddress) refuser.localAddress()).getPort();
        return new FloodSettings(new Endpoint("127.0.0.1", blocked), InetAddress.getByName("127.0.0.2"), 8,
                Duration.ofSeconds(maxConnects == 0 ? 1 : 10), maxConnects, new Endpoint("127.0.0.1", echo.port()),
                64, 10);
    }

    /** What an IP filter does to a refused partner: close before reading anything. */
    @Sharable
    static final class Refuser extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }
    }
}
