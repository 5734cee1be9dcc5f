package io.usp.server.tunnel;

import io.usp.deployments.store.ClientStore;
import io.usp.deployments.store.ClientStore.ClientRecord;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers each client that connects (from where, when, its certificate) in the store, on a
 * thread of its own: tunnel connections come up on event loops, which must not wait for a disk.
 */
public final class ClientsSeen implements Consumer<TunnelConnection>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientsSeen.class);

    private final ClientStore store;
    private final Clock clock;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "usp-clients-seen");
        t.setDaemon(true);
        return t;
    });

    public ClientsSeen(ClientStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void accept(TunnelConnection connection) {
        X509Certificate cert = connection.certificate();
        ClientRecord seen = new ClientRecord(connection.client(), clock.instant(), clock.instant(),
                String.valueOf(connection.remoteAddress()).replaceFirst("^/", ""),
                Optional.ofNullable(cert).map(c -> c.getSerialNumber().toString(16)),
                Optional.ofNullable(cert).map(c -> c.getNotAfter().toInstant()));
        writer.execute(() -> {
            try {
                store.seen(seen);
            } catch (RuntimeException e) {
                LOG.warn("cannot record client {} as seen in the store: {}", seen.name(), e.toString());
            }
        });
    }

    @Override
    public void close() {
        writer.shutdown();
    }
}
