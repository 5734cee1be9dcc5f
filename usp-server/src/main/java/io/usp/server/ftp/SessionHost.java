package io.usp.server.ftp;

import io.netty.channel.Channel;
import io.usp.deployments.Target;
import io.usp.protocol.relay.RelayEnd;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** What an FTP session needs from the server around it: the far side, data sockets, the audit trail. */
public interface SessionHost {

    /** Reaches {@code target} inside, the way the deployment's control connection went (tunnel or direct). */
    void reach(Channel data, Target target, Consumer<RelayEnd> established, BiConsumer<String, String> refused);

    /** Listens on one passive port for one data connection; {@code accepted} gets each connection. */
    void listen(int port, Consumer<Channel> accepted, Consumer<Channel> bound, Consumer<Throwable> failed);

    /** Connects out to a partner's active-mode address. */
    void connectOut(InetSocketAddress address, Consumer<Channel> connected, Consumer<Throwable> failed);

    /** One transfer ended: logged and kept in the connection history. */
    void transferred(Transfer transfer);

    /** A refused step of a session (bounce, port theft, exhausted range, malformed input): logged. */
    void refused(String what, String detail);

    /** The address partners are told to connect to for passive data, as PASV writes it (IPv4) or null. */
    Inet4Address passiveAddress();
}
