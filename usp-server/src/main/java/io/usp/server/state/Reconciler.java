package io.usp.server.state;

import io.usp.admin.partners.PartnerLogins;
import io.usp.deployments.Deployment;
import io.usp.deployments.Listener;
import io.usp.deployments.store.DeploymentStore;
import io.usp.deployments.store.StoredDeployment;
import io.usp.server.listener.ListenerManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the listeners in step with the store: at once after an admin change, at once when a
 * shared database announces another server's change, and every second anyway, so a change made
 * elsewhere (an import, another server) and a listener whose port was taken are picked up
 * without a restart. Which collections ask their
 * partners for credentials is re-read with them, before any listener starts.
 */
public final class Reconciler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    static final long PERIOD_MS = 1000;

    private final DeploymentStore store;
    private final PartnerLogins partnerLogins;
    private final ListenerManager listeners;
    private final RunSwitches switches;
    private final Optional<String> listenerBind;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "usp-reconcile");
        t.setDaemon(true);
        return t;
    });
    private final List<Runnable> rereads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private String lastError;

    /** {@code listenerBind}: where every listener binds on this server instead of its deployment's bind. */
    public Reconciler(DeploymentStore store, PartnerLogins partnerLogins, ListenerManager listeners,
                      RunSwitches switches, Optional<String> listenerBind) {
        this.store = store;
        this.partnerLogins = partnerLogins;
        this.listeners = listeners;
        this.switches = switches;
        this.listenerBind = listenerBind;
    }

    /** Reconciles every second from now on. */
    public void start() {
        timer.scheduleWithFixedDelay(this::reconcileQuietly, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Something else the store holds that each round re-reads too (revocations made through another server). */
    public void alsoReread(Runnable reread) {
        rereads.add(reread);
    }

    /** Reconciles as soon as the timer is free: the store announced a change (another server's). */
    public void soon() {
        timer.execute(this::reconcileQuietly);
    }

    /** Reads the store and applies it; returns when the listeners follow. */
    public synchronized void reconcile() {
        List<StoredDeployment> stored = store.deployments();
        partnerLogins.reload();
        Map<String, Deployment> byName = stored.stream().map(StoredDeployment::deployment)
                .collect(Collectors.toMap(Deployment::name, d -> d));
        switches.retain(byName.keySet());
        List<Deployment> wanted = byName.values().stream()
                .filter(d -> d.enabled() && switches.shouldRun(d))
                .map(d -> listenerBind.map(bind -> d.withListener(new Listener(bind, d.listener().port()))).orElse(d))
                .toList();
        listeners.apply(wanted, whyStopped(byName));
        listeners.retainStats(byName.keySet());
        rereads.forEach(Runnable::run);
    }

    private Function<String, String> whyStopped(Map<String, Deployment> byName) {
        return name -> {
            Deployment d = byName.get(name);
            if (d == null) {
                return "deployment removed";
            }
            if (!d.enabled()) {
                return "deployment disabled";
            }
            return switches.of(name).map(s -> "stopped by " + s.actor()).orElse("start mode is manual");
        };
    }

    private void reconcileQuietly() {
        try {
            reconcile();
            lastError = null;
        } catch (RuntimeException e) {
            // the store may be briefly unreadable (disk full, file lock); log each new problem once
            if (!String.valueOf(e.getMessage()).equals(lastError)) {
                LOG.warn("reconcile failed, trying again every second: {}", e.toString());
                lastError = String.valueOf(e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
