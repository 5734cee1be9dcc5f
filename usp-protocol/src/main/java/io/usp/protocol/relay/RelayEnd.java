package io.usp.protocol.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * One side of a relay: a plain TCP socket (partner or target), an HTTP/2 stream in a tunnel, or
 * either with a TLS session of its own.
 * Writes never flush by themselves; the relay flushes once per read batch.
 */
public sealed interface RelayEnd permits SocketEnd, StreamEnd, TlsEnd {

    /** Who this side is, in the glossary's words: {@code partner}, {@code target}, {@code tunnel}. */
    String label();

    Channel channel();

    void write(ByteBuf data);

    /** Half-close after every pending write: a TCP FIN or an HTTP/2 END_STREAM. */
    void finish();

    /** Abort at once: a TCP RST or an HTTP/2 RST_STREAM. Pending writes are dropped. */
    void abort();

    /** After a read batch: send what reading produced for the peer (HTTP/2 WINDOW_UPDATE credit). */
    void readFlushed();

    /** Close after every pending write has gone out. */
    void close();
}
