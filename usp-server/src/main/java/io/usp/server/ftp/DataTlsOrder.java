package io.usp.server.ftp;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * TLS toward the target on one data connection at a time: a handshake starts only once the data
 * connection before it is closed. With TLS 1.3 a server sends a session ticket on each data
 * connection, the JDK's client offers each ticket once, and servers such as vsftpd refuse a data
 * connection that does not resume the session. The ticket comes before the server's close on that
 * connection, so once it is closed the ticket is in the client's cache; without the wait, a next
 * handshake on another tunnel stream could run ahead of it. A previous connection that does not
 * close within {@link #LONGEST_WAIT} is not waited for any longer. Used on the session's loop.
 */
final class DataTlsOrder {

    static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    private final EventLoop loop;
    private Channel previous;

    DataTlsOrder(EventLoop loop) {
        this.loop = loop;
    }

    /** Runs {@code handshake} for {@code data} once the data connection before it is closed (or at once). */
    void next(Channel data, Runnable handshake) {
        Channel before = previous;
        previous = data;
        if (before == null || !before.isOpen()) {
            handshake.run();
            return;
        }
        Once once = new Once(handshake);
        before.closeFuture().addListener(closed -> loop.execute(once));
        loop.schedule(once, LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A task that runs the first time only. */
    private static final class Once implements Runnable {
        private Runnable task;

        Once(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            Runnable t = task;
            task = null;
            if (t != null) {
                t.run();
            }
        }
    }
}
