package io.usp.bench.rate;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.usp.bench.net.AnsweringProxy;
import io.usp.bench.net.Endpoint;
import io.usp.bench.net.LocalAddresses;
import io.usp.bench.net.Loops;
import io.usp.bench.net.ProxyAddress.Protocol;
import io.usp.bench.net.Route;
import io.usp.bench.target.Target;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConnectionRateTest {

    static Loops loops;
    static Target echo;

    @BeforeAll
    static void start() {
        loops = Loops.open("test");
        echo = Target.echo(loops.group(), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        echo.close();
        loops.close();
    }

    @Test
    void completesConnectionsFromEachLocalAddressInTurn() throws Exception {
        LocalAddresses local = new LocalAddresses(
                List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2")));
        RateResult result = ConnectionRate.run(loops.group(),
                new RateSettings(Route.direct(new Endpoint("127.0.0.1", echo.port())), 4, Duration.ofSeconds(2), 64, local));
        assertThat(result.completed()).isPositive();
        assertThat(result.errors()).isZero();
        assertThat(result.firstError()).isNull();
        assertThat(result.perSecond()).isPositive();
    }

    @Test
    void countsRefusedConnectionsInsteadOfFailing() throws Exception {
        RateResult result = ConnectionRate.run(loops.group(),
                new RateSettings(Route.direct(new Endpoint("127.0.0.1", 1)), 2, Duration.ofSeconds(1), 64,
                        LocalAddresses.any()));
        assertThat(result.completed()).isZero();
        assertThat(result.errors()).isPositive();
        assertThat(result.firstError()).contains("refused");
    }

    @Test
    void countsAWrongEchoAsAnError() throws Exception {
        Channel mangler = new ServerBootstrap()
                .group(loops.group())
                .channel(NioServerSocketChannel.class)
                .childHandler(new Mangler())
                .bind("127.0.0.1", 0).sync().channel();
        try {
            int port = ((InetSocketAddress) mangler.localAddress()).getPort();
            RateResult result = ConnectionRate.run(loops.group(),
                    new RateSettings(Route.direct(new Endpoint("127.0.0.1", port)), 1, Duration.ofSeconds(1), 64,
                            LocalAddresses.any()));
            assertThat(result.completed()).isZero();
            assertThat(result.errors()).isPositive();
            assertThat(result.firstError()).contains("differs");
        } finally {
            mangler.close().sync();
        }
    }

    @Test
    void countsAConnectionOnlyOnceTheProxySaidYes() throws Exception {
        try (AnsweringProxy yes = new AnsweringProxy(loops.group(), Protocol.SOCKS5, false);
             AnsweringProxy no = new AnsweringProxy(loops.group(), Protocol.CONNECT, true)) {
            Endpoint inside = new Endpoint("echo.inside", 7);
            RateResult through = ConnectionRate.run(loops.group(), new RateSettings(
                    Route.to(inside, yes.address(Protocol.SOCKS5)), 2, Duration.ofSeconds(1), 64, LocalAddresses.any()));
            assertThat(through.completed()).isPositive();
            assertThat(through.errors()).isZero();
            RateResult refused = ConnectionRate.run(loops.group(), new RateSettings(
                    Route.to(inside, no.address(Protocol.CONNECT)), 2, Duration.ofSeconds(1), 64, LocalAddresses.any()));
            assertThat(refused.completed()).isZero();
            assertThat(refused.errors()).isPositive();
            assertThat(refused.firstError()).contains("403");
        }
    }

    /** An echo that flips the first byte of every read. */
    @Sharable
    static final class Mangler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            in.setByte(in.readerIndex(), ~in.getByte(in.readerIndex()));
            ctx.writeAndFlush(in);
        }
    }
}
