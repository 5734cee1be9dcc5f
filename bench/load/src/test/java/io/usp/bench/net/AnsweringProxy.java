package io.usp.bench.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.socksx.v5.DefaultSocks5CommandResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5InitialResponse;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequest;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5ServerEncoder;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A proxy for tests that answers CONNECT or SOCKS5 itself and then echoes, so it is its own
 * target: it records what it was asked for ({@code "echo.inside:7"}, with {@code " (IPv4(1))"} or
 * {@code " (DOMAIN(3))"} behind SOCKS5) and says yes, or no when made {@code refusing}.
 */
public final class AnsweringProxy implements AutoCloseable {

    private final Channel server;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    public AnsweringProxy(EventLoopGroup group, ProxyAddress.Protocol protocol, boolean refusing) {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        switch (protocol) {
                            case CONNECT -> ch.pipeline().addLast("decoder", new HttpRequestDecoder())
                                    .addLast("encoder", new HttpResponseEncoder())
                                    .addLast(new ConnectAnswer(refusing));
                            case SOCKS5 -> ch.pipeline().addLast("decoder", new Socks5InitialRequestDecoder())
                                    .addLast("encoder", Socks5ServerEncoder.DEFAULT)
                                    .addLast(new Socks5Answer(refusing));
                        }
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    public ProxyAddress address(ProxyAddress.Protocol protocol) {
        return new ProxyAddress(protocol, new Endpoint("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort()));
    }

    public List<String> asked() {
        return asked;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }

    /** After a yes: the codec goes, every byte comes back. */
    private static void becomeEcho(ChannelHandlerContext ctx) {
        ctx.pipeline().remove("decoder");
        ctx.pipeline().remove("encoder");
        ctx.pipeline().replace(ctx.handler(), "echo", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext echo, Object msg) {
                echo.writeAndFlush(msg);
            }
        });
    }

    private final class ConnectAnswer extends ChannelInboundHandlerAdapter {

        private final boolean refusing;

        ConnectAnswer(boolean refusing) {
            this.refusing = refusing;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (!(msg instanceof HttpRequest request) || request.method() != HttpMethod.CONNECT) {
                    return; // the request's empty last content
                }
                asked.add(request.uri());
                if (refusing) {
                    ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN))
                            .addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
                becomeEcho(ctx);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    private final class Socks5Answer extends ChannelInboundHandlerAdapter {

        private final boolean refusing;

        Socks5Answer(boolean refusing) {
            this.refusing = refusing;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Socks5InitialRequest) {
                ctx.pipeline().replace("decoder", "decoder", new Socks5CommandRequestDecoder());
                ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.NO_AUTH));
            } else if (msg instanceof Socks5CommandRequest request) {
                asked.add(request.dstAddr() + ":" + request.dstPort() + " (" + request.dstAddrType() + ")");
                if (refusing) {
                    ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.FORBIDDEN,
                            Socks5AddressType.IPv4)).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS, Socks5AddressType.IPv4,
                        "0.0.0.0", 0));
                becomeEcho(ctx);
            }
        }
    }
}
