package io.usp.client.enroll;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.usp.protocol.Protocol;
import io.usp.protocol.tls.TlsContexts;
import io.usp.protocol.transport.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@code usp-enroll/1} exchange with the server's tunnel port: TLS (with the context the
 * caller chose: pinned for enrollment, the current certificate for renewal), then one HTTP/1.1
 * POST of JSON and its answer. Blocks the calling thread, never an event loop of the tunnel.
 */
public final class EnrollExchange {

    /** The answers are certificates: a few KiB. */
    private static final int MAX_ANSWER = 64 * 1024;

    private EnrollExchange() {
    }

    /** The HTTP status and body of the server's answer. */
    public record Answer(int status, byte[] body) {
    }

    /**
     * Posts {@code json} to {@code path}. Nothing is written before the TLS handshake succeeded, so
     * a server that fails the pin never sees the request.
     */
    public static Answer post(SslContext tls, String host, int port, String path, byte[] json, Duration timeout)
            throws IOException {
        EventLoopGroup group = Transport.group(1, "usp-enroll");
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        try {
            Channel channel = new Bootstrap()
                    .group(group)
                    .channel(Transport.socketChannel())
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            SslHandler ssl = TlsContexts.clientHandler(tls, ch.alloc(), host, port);
                            ch.pipeline().addLast("tls", ssl);
                            ch.pipeline().addLast("http", new HttpClientCodec());
                            ch.pipeline().addLast("aggregate", new HttpObjectAggregator(MAX_ANSWER));
                            ch.pipeline().addLast("timeout",
                                    new ReadTimeoutHandler(timeout.toMillis(), TimeUnit.MILLISECONDS));
                            ch.pipeline().addLast("answer", new AnswerHandler(answer));
                            ssl.handshakeFuture().addListener(f -> {
                                if (!f.isSuccess()) {
                                    answer.completeExceptionally(new IOException("TLS handshake with " + host + ":"
                                            + port + " failed: " + rootMessage(f.cause()), f.cause()));
                                    ch.close();
                                    return;
                                }
                                try {
                                    TlsContexts.requireAlpn(ssl, Protocol.ENROLL_ALPN);
                                } catch (IOException e) {
                                    answer.completeExceptionally(e);
                                    ch.close();
                                    return;
                                }
                                ch.writeAndFlush(request(host, port, path, json));
                            });
                            ch.closeFuture().addListener(f -> answer.completeExceptionally(new IOException(
                                    "the server closed the connection without answering")));
                        }
                    })
                    .connect(host, port)
                    .syncUninterruptibly()
                    .channel();
            try {
                return answer.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            } finally {
                channel.close();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer from " + host + ":" + port + " within " + timeout.toSeconds() * 2 + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + host + ":" + port, e);
        } catch (RuntimeException e) { // Netty's sync() rethrows connect failures unchecked
            throw new IOException("cannot reach " + host + ":" + port + ": " + rootMessage(e), e);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static FullHttpRequest request(String host, int port, String path, byte[] json) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                Unpooled.wrappedBuffer(json));
        request.headers()
                .set(HttpHeaderNames.HOST, (host.contains(":") ? "[" + host + "]" : host) + ":" + port)
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, json.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return request;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e || root.getMessage() == null ? String.valueOf(e.getMessage())
                : e.getMessage() + " (" + root.getMessage() + ")";
    }

    /** Completes the future with the first response; any failure completes it exceptionally. */
    private static final class AnswerHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

        private final CompletableFuture<Answer> answer;

        AnswerHandler(CompletableFuture<Answer> answer) {
            this.answer = answer;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            byte[] body = new byte[response.content().readableBytes()];
            response.content().readBytes(body);
            answer.complete(new Answer(response.status().code(), body));
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            answer.completeExceptionally(new IOException("exchange with the server failed: " + rootMessage(cause),
                    cause));
            ctx.close();
        }
    }
}
