package io.usp.server.dispatch;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.usp.deployments.Target;
import io.usp.protocol.relay.RelayEnd;
import io.usp.protocol.transport.Transport;
import io.usp.server.ftp.SessionHost;
import io.usp.server.ftp.Transfer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The server around one FTP session: data connections reach the inside the way its control
 * connection went (the same client, or direct), passive ports listen on the listener's address,
 * and transfers go to the connection log and history.
 */
final class FtpHost implements SessionHost {

    private final Channel partner;
    private final String deployment;
    private final Destination control;
    private final String bind;
    private final Optional<String> publicAddress;
    private final PartnerServices services;

    FtpHost(Channel partner, String deployment, Destination control, String bind, Optional<String> publicAddress,
            PartnerServices services) {
        this.partner = partner;
        this.deployment = deployment;
        this.control = control;
        this.bind = bind;
        this.publicAddress = publicAddress;
        this.services = services;
    }

    @Override
    public void reach(Channel data, Target target, Consumer<RelayEnd> established, BiConsumer<String, String> refused) {
        new FarSide(data, services).reach(deployment, new Destination(target, control.client(), 0, List.of()),
                new FarSide.Outcome() {
                    @Override
                    public void established(RelayEnd far, String via) {
                        established.accept(far);
                    }

                    @Override
                    public void refused(Refusal reason, String detail) {
                        refused.accept(reason.label(), detail);
                    }
                });
    }

    @Override
    public void listen(int port, Consumer<Channel> accepted, Consumer<Channel> bound, Consumer<Throwable> failed) {
        ChannelFuture bind = new ServerBootstrap()
                .group(partner.eventLoop())
                .channel(Transport.serverChannel())
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.accept(ch);
                    }
                })
                .bind(this.bind, port);
        bind.addListener(f -> {
            if (f.isSuccess()) {
                bound.accept(bind.channel());
            } else {
                failed.accept(f.cause());
            }
        });
    }

    @Override
    public void connectOut(InetSocketAddress address, Consumer<Channel> connected, Consumer<Throwable> failed) {
        ChannelFuture connect = services.connector().connect(partner.eventLoop(), address.getAddress(),
                address.getPort());
        connect.addListener(f -> {
            if (f.isSuccess()) {
                connected.accept(connect.channel());
            } else {
                failed.accept(f.cause());
            }
        });
    }

    @Override
    public void transferred(Transfer t) {
        services.report().transferred(deployment, partner.remoteAddress(), control, t);
    }

    @Override
    public void refused(String what, String detail) {
        ConnectionLog.sessionRefused(deployment, what, detail);
    }

    @Override
    public Inet4Address passiveAddress() {
        InetAddress address = publicAddress.map(FtpHost::literal)
                .orElseGet(() -> ((InetSocketAddress) partner.localAddress()).getAddress());
        return address instanceof Inet4Address v4 ? v4 : null;
    }

    /** An IPv4 literal, as the settings require it: no lookup happens. */
    private static InetAddress literal(String ipv4) {
        try {
            return InetAddress.getByName(ipv4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("publicAddress " + ipv4 + " is not an address", e);
        }
    }
}
