package io.usp.client.dial;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.usp.client.config.ClientConfig;
import io.usp.client.target.StreamInitializer;
import io.usp.protocol.target.TargetConnector;
import io.usp.protocol.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one tunnel connection to the server up: dials, and after any loss dials again with
 * capped exponential backoff. A connection that stayed up a while resets the backoff.
 */
public final class Dialer {

    private static final Logger LOG = LoggerFactory.getLogger(Dialer.class);
    static final Duration HEALTHY = Duration.ofSeconds(10);
    private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(10);

    private final int slot;
    private final ClientConfig config;
    private final EventLoopGroup group;
    private final Supplier<SslContext> tls;
    private final ChannelHandler streams;
    private final TargetConnector lookups;
    private final Clock clock;
    private final Backoff backoff;
    private volatile boolean stopped;
    private volatile Channel channel;
    private volatile boolean up;
    private volatile Throwable failure;

    /**
     * {@code tls} is asked at every dial, so a renewed certificate is used from the next connection
     * on; {@code streams} sets up each stream the server opens (a {@link StreamInitializer});
     * {@code lookups} resolves the server's name off the event loop.
     */
    public Dialer(int slot, ClientConfig config, EventLoopGroup group, Supplier<SslContext> tls,
                  ChannelHandler streams, TargetConnector lookups, Clock clock) {
        this.slot = slot;
        this.config = config;
        this.group = group;
        this.tls = tls;
        this.streams = streams;
        this.lookups = lookups;
        this.clock = clock;
        this.backoff = new Backoff(config.reconnect().minDelay(), config.reconnect().maxDelay());
    }

    public void start() {
        dial();
    }

    public boolean isUp() {
        return up && channel != null && channel.isActive();
    }

    private void dial() {
        if (stopped) {
            return;
        }
        ClientConfig.ServerAddress server = config.server();
        Instant started = clock.instant();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(Transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, Transport.TUNNEL_BUFFER)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) DIAL_TIMEOUT.toMillis())
                .handler(new TunnelClientInitializer(config, tls.get(), streams, this::tunnelUp, this::failed));
        lookups.resolve(server.host()).addListener(lookup -> {
            if (!lookup.isSuccess()) {
                retry("cannot resolve server " + server.host() + ": " + lookup.cause().getMessage());
                return;
            }
            connect(bootstrap, new InetSocketAddress((InetAddress) lookup.getNow(), server.port()), started);
        });
    }

    private void connect(Bootstrap bootstrap, InetSocketAddress address, Instant started) {
        ClientConfig.ServerAddress server = config.server();
        bootstrap.connect(address).addListener(f -> {
            if (!f.isSuccess()) {
                retry("cannot reach server " + server.host() + ":" + server.port() + ": " + f.cause().getMessage());
                return;
            }
            channel = ((io.netty.channel.ChannelFuture) f).channel();
            failure = null;
            channel.closeFuture().addListener(c -> {
                boolean wasUp = up;
                up = false;
                if (wasUp && Duration.between(started, clock.instant()).compareTo(HEALTHY) >= 0) {
                    backoff.reset();
                }
                retry(wasUp ? "tunnel connection lost" : "tunnel refused: " + DialFailures.explain(config, failure));
            });
        });
    }

    private void tunnelUp(Channel ch) {
        up = true;
        LOG.info("tunnel up client={} server={}:{} connection={}", config.name(), config.server().host(),
                config.server().port(), slot);
    }

    private void failed(Throwable cause) {
        if (failure == null) { // the first is the cause; what follows is the fallout
            failure = cause;
        }
    }

    private void retry(String why) {
        if (stopped) {
            return;
        }
        Duration delay = backoff.next();
        LOG.warn("tunnel down client={} connection={}: {}; reconnecting in {} ms", config.name(), slot, why,
                delay.toMillis());
        group.schedule(this::dial, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops reconnecting and closes the connection with GOAWAY, letting open streams drain. */
    public void stop() {
        stopped = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close().syncUninterruptibly();
        }
    }
}
