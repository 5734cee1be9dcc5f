package io.usp.bench.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.AttributeKey;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where a measurement's connections go: straight to the target, or to a proxy (a collection's
 * listener) that is asked for the target. Addresses are looked up once, when the route is made,
 * except a target behind a proxy: its name goes to the proxy as it is, since it may be a name
 * only the inside resolves.
 */
public final class Route {

    /** A connection's proxy handshake, kept on the channel: it leaves the pipeline once the channel closes. */
    private static final AttributeKey<ProxyHandler> HANDSHAKE = AttributeKey.valueOf("usp-load-proxy-handshake");

    private final Endpoint target;
    private final Optional<ProxyAddress> proxy;
    private final InetSocketAddress proxyAddress;
    private final InetSocketAddress remote;

    private Route(Endpoint target, Optional<ProxyAddress> proxy) {
        this.target = target;
        this.proxy = proxy;
        this.proxyAddress = proxy.map(p -> p.endpoint().resolve()).orElse(null);
        this.remote = proxy.isPresent() ? unresolved(target) : target.resolve();
    }

    public static Route direct(Endpoint target) {
        return new Route(target, Optional.empty());
    }

    /** Through {@code proxy}, or direct when it is null. */
    public static Route to(Endpoint target, ProxyAddress proxy) {
        return new Route(target, Optional.ofNullable(proxy));
    }

    public Endpoint target() {
        return target;
    }

    public Optional<ProxyAddress> proxy() {
        return proxy;
    }

    /**
     * What a bootstrap of this route connects to. Behind a proxy, the bootstrap must not resolve
     * it: the proxy handshake takes it as the destination to ask for.
     */
    public InetSocketAddress remote() {
        return remote;
    }

    /** Sets what a bootstrap of this route needs; call once, when building it. */
    public Bootstrap configure(Bootstrap bootstrap) {
        return proxy.isPresent() ? bootstrap.resolver(NoopAddressResolverGroup.INSTANCE) : bootstrap;
    }

    /** Adds the proxy handshake first in a new connection's pipeline; nothing for a direct route. */
    public void addHandshake(ChannelPipeline pipeline) {
        proxy.ifPresent(p -> {
            ProxyHandler handshake = p.handshake(proxyAddress);
            pipeline.channel().attr(HANDSHAKE).set(handshake);
            pipeline.addFirst(handshake);
        });
    }

    /**
     * Completes with the connected channel once it carries the target's bytes: at once on a
     * direct route, and once the proxy said yes behind one. A proxy that says no or does not
     * answer fails it, and its handshake closes the connection. The handshake is read from the
     * channel, not the pipeline: a proxy that said no at once has closed the channel, and the
     * pipeline is empty, by the time a connect listener added late runs.
     */
    public Future<Channel> ready(Channel connected) {
        ProxyHandler handshake = connected.attr(HANDSHAKE).get();
        return handshake == null ? connected.eventLoop().newSucceededFuture(connected) : handshake.connectFuture();
    }

    @Override
    public String toString() {
        return target + proxy.map(p -> " via " + p).orElse("");
    }

    /** An address literal as an address, so SOCKS5 sends it as one; a name without a lookup. */
    private static InetSocketAddress unresolved(Endpoint target) {
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(target.host());
        if (literal == null) {
            return InetSocketAddress.createUnresolved(target.host(), target.port());
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(target.host(), literal), target.port());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Netty parsed '" + target.host() + "' as an address of "
                    + literal.length + " bytes", e);
        }
    }
}
