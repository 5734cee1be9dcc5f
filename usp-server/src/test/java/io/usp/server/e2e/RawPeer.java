package io.usp.server.e2e;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2EventAdapter;
import io.netty.handler.codec.http2.Http2FrameWriter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.usp.protocol.Protocol;
import io.usp.protocol.tls.TlsContexts;
import io.usp.protocol.transport.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One tunnel connection whose far end is not USP but Netty's bare HTTP/2 connection handler, with
 * the real TLS and certificates: a test writes the frames it chooses, also ones the real code never
 * writes (through {@link #writeRaw} or the frame writer, past every check), and reads back what the
 * USP end answered, one line per frame ({@code RST_STREAM 1 REFUSED_STREAM}, {@code GOAWAY
 * FRAME_SIZE_ERROR}, {@code HEADERS 3 403 not-allowed}). A fake server accepts a real client; a fake
 * client dials a real server.
 */
final class RawPeer implements AutoCloseable {

    private final EventLoopGroup group = Transport.group(1, "raw-peer");
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<ChannelHandlerContext> up = new CompletableFuture<>();
    private final boolean http2Server;
    private Channel listener;
    private volatile Http2ConnectionHandler http2;

    private RawPeer(boolean http2Server) {
        this.http2Server = http2Server;
    }

    /** A fake server on a free loopback port (see {@link #port()}); it is the HTTP/2 client. */
    static RawPeer server(SslContext tls) throws InterruptedException {
        RawPeer peer = new RawPeer(false);
        peer.listener = new ServerBootstrap().group(peer.group).channel(Transport.serverChannel())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslHandler ssl = tls.newHandler(ch.alloc());
                        ch.pipeline().addLast(ssl, peer.new Handshake());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        return peer;
    }

    /** A fake client dialling {@code port}; it is the HTTP/2 server. */
    static RawPeer client(int port, SslContext tls) throws InterruptedException {
        RawPeer peer = new RawPeer(true);
        new Bootstrap().group(peer.group).channel(Transport.socketChannel())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslHandler ssl = TlsContexts.clientHandler(tls, ch.alloc(), "127.0.0.1", port);
                        ch.pipeline().addLast(ssl, peer.new Handshake());
                    }
                })
                .connect("127.0.0.1", port).sync();
        return peer;
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Waits for the USP end's SETTINGS: from then on it takes frames. */
    void awaitUp() throws Exception {
        up.get(10, TimeUnit.SECONDS);
    }

    /** Opens stream {@code id} with a request header block, through the connection's own state. */
    void request(int id, Http2Headers headers) throws Exception {
        onLoop((ctx, handler) -> handler.encoder().writeHeaders(ctx, id, headers, 0, false, ctx.newPromise()));
    }

    /** Writes with the bare frame writer: no state, no checks. */
    void write(BiConsumer<ChannelHandlerContext, Http2FrameWriter> frame) throws Exception {
        onLoop((ctx, handler) -> frame.accept(ctx, handler.encoder().frameWriter()));
    }

    /** Writes bytes as they are, e.g. a frame header no writer would produce. */
    void writeRaw(byte... bytes) throws Exception {
        onLoop((ctx, handler) -> ctx.write(Unpooled.wrappedBuffer(bytes)));
    }

    /** The next frame the USP end sent after its SETTINGS, as one line; fails after a deadline. */
    String next() throws InterruptedException {
        String frame = frames.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame from the USP end within 10 s");
        }
        return frame;
    }

    private void onLoop(BiConsumer<ChannelHandlerContext, Http2ConnectionHandler> action) throws Exception {
        ChannelHandlerContext ctx = up.get(10, TimeUnit.SECONDS);
        ctx.executor().submit(() -> {
            action.accept(ctx, http2);
            ctx.flush();
        }).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handshake extends ApplicationProtocolNegotiationHandler {

        Handshake() {
            super("none");
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (!Protocol.ALPN.equals(protocol)) {
                throw new IllegalStateException("ALPN agreed on " + protocol);
            }
            http2 = new Http2ConnectionHandlerBuilder().server(http2Server).frameListener(new Recorder())
                    .initialSettings(Http2Settings.defaultSettings()).build();
            ctx.pipeline().addLast(http2);
        }
    }

    /** Turns each frame the USP end sends into a line. */
    private final class Recorder extends Http2EventAdapter {

        @Override
        public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
            up.complete(ctx);
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
                                  boolean endStream) {
            frames.add("HEADERS " + streamId + " " + headers.status() + " " + headers.get(Protocol.ERROR_HEADER));
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int dependency,
                                  short weight, boolean exclusive, int padding, boolean endStream) {
            onHeadersRead(ctx, streamId, headers, padding, endStream);
        }

        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean end) {
            frames.add("DATA " + streamId);
            return data.readableBytes() + padding;
        }

        @Override
        public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
            frames.add("RST_STREAM " + streamId + " " + Http2Error.valueOf(errorCode));
        }

        @Override
        public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {
            frames.add("GOAWAY " + Http2Error.valueOf(errorCode));
        }
    }
}
