package io.usp.protocol.tunnel;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.usp.protocol.Protocol;
import java.time.Duration;

/**
 * Builds the HTTP/2 part of a tunnel connection. Roles are reversed (docs/protocol.md,
 * section 2): the server, which accepted the TCP connection, is the HTTP/2 client and opens
 * streams; the client, which dialled, is the HTTP/2 server.
 */
public final class TunnelCodecs {

    /** Per-stream window: the measured lever for throughput (64 KiB ~2.5 Gbit/s, 4 MiB ~6-8). */
    public static final int STREAM_WINDOW = 4 * 1024 * 1024;
    /** Largest DATA frame either side sends. */
    public static final int MAX_FRAME = 64 * 1024;
    /**
     * Streams one tunnel connection may carry at once, announced by both sides. Netty's HTTP/2
     * server side announces 100 unless told otherwise, which refused every partner connection
     * beyond 100 per tunnel connection ("tunnel-lost"). The server's own limits
     * (limits.maxConnections, 10,000 by default) are what bound partners.
     */
    public static final long MAX_STREAMS = 1_000_000;
    /** The name of the last handler of a tunnel connection, which closes it on an error. */
    public static final String ERRORS = "errors";
    /** How long a closing tunnel connection waits for its streams after GOAWAY. */
    public static final Duration GRACEFUL_SHUTDOWN = Duration.ofSeconds(10);

    private TunnelCodecs() {
    }

    /**
     * Adds framing, keepalive and stream multiplexing for the side that accepted the connection;
     * returns the keepalive, which tells whether the peer answers its PINGs.
     */
    public static KeepAlive addAcceptingSide(ChannelPipeline p, Duration pingInterval, Duration pingTimeout,
                                             ChannelHandler inboundStreamHandler) {
        // Only the HTTP/2 client may send ENABLE_PUSH (RFC 9113 §6.5.2); the server side must not.
        return add(p, Http2FrameCodecBuilder.forClient(), baseSettings().pushEnabled(false), pingInterval, pingTimeout,
                new Http2MultiplexHandler(inboundStreamHandler));
    }

    /** Adds framing, keepalive and stream multiplexing for the side that dialled; returns the keepalive. */
    public static KeepAlive addDiallingSide(ChannelPipeline p, Duration pingInterval, Duration pingTimeout,
                                            ChannelHandler inboundStreamHandler) {
        return add(p, Http2FrameCodecBuilder.forServer(), baseSettings(), pingInterval, pingTimeout,
                new Http2MultiplexHandler(inboundStreamHandler, UpgradeStreamRefusal.INSTANCE));
    }

    private static Http2Settings baseSettings() {
        return Http2Settings.defaultSettings()
                .initialWindowSize(STREAM_WINDOW)
                .maxFrameSize(MAX_FRAME)
                .maxConcurrentStreams(MAX_STREAMS)
                .maxHeaderListSize(Protocol.MAX_HEADER_LIST_SIZE);
    }

    private static KeepAlive add(ChannelPipeline p, Http2FrameCodecBuilder builder, Http2Settings settings,
                                 Duration pingInterval, Duration pingTimeout, Http2MultiplexHandler streams) {
        Http2FrameCodec codec = builder
                .initialSettings(settings)
                .gracefulShutdownTimeoutMillis(GRACEFUL_SHUTDOWN.toMillis())
                .autoAckPingFrame(true)
                // Netty's reset guards (CVE-2023-44487 for RST_STREAM received, CVE-2025-55163 for
                // RST_STREAM sent) allow 200 per 30 s, then send GOAWAY. In a tunnel every aborted
                // partner connection is a reset, between mutually authenticated peers: the guards
                // cut the whole tunnel under plain use (iperf3 -P 8 through it, a few runs).
                .decoderEnforceMaxRstFramesPerWindow(0, 0)
                .encoderEnforceMaxRstFramesPerWindow(0, 0)
                .build();
        p.addLast("keepalive-idle", KeepAlive.idleHandler(pingInterval));
        p.addLast("http2", codec);
        KeepAlive keepAlive = new KeepAlive(pingInterval, pingTimeout);
        p.addLast("keepalive", keepAlive);
        p.addLast("window", new ConnectionWindow(codec));
        p.addLast("streams", streams);
        p.addLast(ERRORS, TunnelErrors.INSTANCE);
        return keepAlive;
    }
}
