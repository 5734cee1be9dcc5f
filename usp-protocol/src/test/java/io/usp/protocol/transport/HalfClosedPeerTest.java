package io.usp.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A socket whose peer half-closed still delivers everything written to it afterwards, however
 * full its send buffer gets: the path on which epoll lost the tail of an echo.
 */
class HalfClosedPeerTest {

    private static final int CHUNK = 64 * 1024;
    /** Far more than the small socket buffers below can hold, so the first flush fills them. */
    private static final int SIZE = 8 << 20;
    private static final int BUFFER = 64 * 1024;

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void everyByteWrittenAfterThePeersFinArrives(String transport) throws Exception {
        boolean epoll = transport.equals("epoll");
        assumeTrue(!epoll || Epoll.isAvailable(), "epoll is not available here");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, Transport.ioHandlers(epoll));
        Class<? extends ServerChannel> serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        AnswerAfterFin answer = new AnswerAfterFin();
        try {
            Channel server = new ServerBootstrap().group(group).channel(serverChannel)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childOption(ChannelOption.SO_SNDBUF, BUFFER)
                    .childHandler(answer)
                    .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            try (Socket peer = new Socket()) {
                peer.setReceiveBufferSize(BUFFER);
                peer.setSoTimeout(20_000);
                peer.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                peer.shutdownOutput();
                // Read nothing until the server's first flush has filled both buffers and had to wait.
                assertThat(answer.flushed.await(20, TimeUnit.SECONDS)).isTrue();
                assertThat(readAll(peer.getInputStream()))
                        .as(() -> "bytes back; server: " + answer.outcome.getNow("still sending"))
                        .isEqualTo(SIZE);
            }
            assertThat(answer.outcome.get(20, TimeUnit.SECONDS)).isEqualTo("sent");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static long readAll(InputStream in) throws Exception {
        byte[] buf = new byte[CHUNK];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            total += n;
        }
        return total;
    }

    /** Reads until the peer's FIN, then, once that event is fully handled, answers with SIZE bytes and a FIN. */
    private static final class AnswerAfterFin extends ChannelInboundHandlerAdapter {

        final CountDownLatch flushed = new CountDownLatch(1);
        final CompletableFuture<String> outcome = new CompletableFuture<>();

        @Override
        public boolean isSharable() {
            return true;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.read();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                // Later on the loop, as a relay's other side would: after epoll dropped EPOLLRDHUP.
                ctx.executor().execute(() -> answer(ctx));
            }
        }

        private void answer(ChannelHandlerContext ctx) {
            for (int sent = 0; sent < SIZE; sent += CHUNK) {
                ctx.write(Unpooled.wrappedBuffer(new byte[CHUNK]), ctx.voidPromise());
            }
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                outcome.complete(f.isSuccess() ? "sent" : "write failed: " + f.cause());
                ((DuplexChannel) ctx.channel()).shutdownOutput();
            });
            flushed.countDown();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            outcome.complete("error: " + cause);
            ctx.close();
        }
    }
}
