package io.usp.deployments.store;

import io.usp.deployments.Deployment;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.ReservedPorts;
import io.usp.deployments.store.AuditLog.AuditEntry;
import io.usp.deployments.store.StoreException.Kind;
import io.usp.deployments.yaml.DeploymentEntry;
import io.usp.deployments.yaml.DeploymentsFile;
import io.usp.deployments.yaml.IpFilterEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link DeploymentStore} over Jdbi. Each change is one transaction that checks, writes and audits;
 * changes are serialized (one writer at a time), so a check cannot race another change.
 */
final class JdbiDeploymentStore implements DeploymentStore {

    static final String DEPLOYMENT = "deployment";
    static final String IP_FILTER = "ip-filter";

    private final Jdbi jdbi;
    private final Clock clock;
    private final ReservedPorts reserved;

    JdbiDeploymentStore(Jdbi jdbi, Clock clock, ReservedPorts reserved) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.reserved = reserved;
    }

    @Override
    public List<StoredDeployment> deployments() {
        return Sql.translate(() -> jdbi.withHandle(DeploymentRows::all));
    }

    @Override
    public Optional<StoredDeployment> deployment(String name) {
        return Sql.translate(() -> jdbi.withHandle(h -> DeploymentRows.find(h, name)));
    }

    @Override
    public synchronized StoredDeployment create(Deployment d, String actor) {
        return change(h -> {
            if (DeploymentRows.find(h, d.name()).isPresent()) {
                throw new StoreException(Kind.CONFLICT, "name", "a deployment named '" + d.name() + "' exists already");
            }
            return put(h, d, Optional.empty(), false, actor);
        });
    }

    @Override
    public synchronized StoredDeployment update(String name, Deployment d, String actor) {
        requireSameName(name, d.name(), "a deployment");
        return change(h -> {
            StoredDeployment old = DeploymentRows.find(h, name).orElseThrow(() -> notFound(DEPLOYMENT, name));
            return put(h, d, Optional.of(old), old.managedByFile(), actor);
        });
    }

    @Override
    public synchronized void delete(String name, String actor) {
        change(h -> {
            StoredDeployment old = DeploymentRows.find(h, name).orElseThrow(() -> notFound(DEPLOYMENT, name));
            DeploymentRows.delete(h, name);
            audit(h, actor, "delete", DEPLOYMENT, name, Optional.of(json(old.deployment())), Optional.empty());
            return null;
        });
    }

    @Override
    public List<StoredIpFilter> ipFilters() {
        return Sql.translate(() -> jdbi.withHandle(IpFilterRows::all));
    }

    @Override
    public Optional<StoredIpFilter> ipFilter(String name) {
        return Sql.translate(() -> jdbi.withHandle(h -> IpFilterRows.find(h, name)));
    }

    @Override
    public synchronized StoredIpFilter createIpFilter(NamedIpFilter filter, String actor) {
        return change(h -> {
            if (IpFilterRows.find(h, filter.name()).isPresent()) {
                throw new StoreException(Kind.CONFLICT, "name",
                        "an IP filter named '" + filter.name() + "' exists already");
            }
            return put(h, filter, Optional.empty(), false, actor);
        });
    }

    @Override
    public synchronized StoredIpFilter updateIpFilter(String name, NamedIpFilter filter, String actor) {
        requireSameName(name, filter.name(), "an IP filter");
        return change(h -> {
            StoredIpFilter old = IpFilterRows.find(h, name).orElseThrow(() -> notFound(IP_FILTER, name));
            return put(h, filter, Optional.of(old), old.managedByFile(), actor);
        });
    }

    @Override
    public synchronized void deleteIpFilter(String name, String actor) {
        change(h -> {
            StoredIpFilter old = IpFilterRows.find(h, name).orElseThrow(() -> notFound(IP_FILTER, name));
            if (!old.usedBy().isEmpty()) {
                throw new StoreException(Kind.CONFLICT, null, "IP filter '" + name + "' is used by "
                        + (old.usedBy().size() == 1 ? "deployment " : "deployments ") + quoted(old.usedBy()));
            }
            IpFilterRows.delete(h, name);
            audit(h, actor, "delete", IP_FILTER, name, Optional.of(json(old.filter())), Optional.empty());
            return null;
        });
    }

    /**
     * Filters first, then deployments (which may name them), each written only when it differs
     * from what is stored; a mark that alone differs is set without an audit entry. The port
     * check runs once everything is written, so a file may swap two deployments' ports.
     */
    @Override
    public synchronized void upsert(DeploymentsFile file, boolean managedByFile, String actor) {
        change(h -> {
            for (NamedIpFilter f : file.ipFilters()) {
                put(h, f, IpFilterRows.find(h, f.name()), managedByFile, actor);
            }
            Map<String, StoredDeployment> stored = new HashMap<>(); // one read, not one per entry
            DeploymentRows.all(h).forEach(s -> stored.put(s.deployment().name(), s));
            Batch batch = new Batch(managedByFile, clock.instant());
            for (Deployment d : file.deployments()) {
                write(h, d, Optional.ofNullable(stored.get(d.name())), actor, batch);
            }
            batch.write(h);
            Map<Integer, List<String>> byPort = DeploymentRows.byPort(h); // one read: a file may hold thousands
            for (Deployment d : file.deployments()) {
                checkPort(d, byPort.getOrDefault(d.listener().port(), List.of()).stream()
                        .filter(other -> !other.equals(d.name())).toList());
            }
            return null;
        });
    }

    @Override
    public DeploymentsFile export() {
        return Sql.translate(() -> jdbi.inTransaction(h -> new DeploymentsFile(
                IpFilterRows.all(h).stream().map(StoredIpFilter::filter).toList(),
                DeploymentRows.all(h).stream().map(StoredDeployment::deployment).toList())));
    }

    /** Checks {@code d} against the others, writes it and audits the change. */
    private StoredDeployment put(Handle h, Deployment d, Optional<StoredDeployment> old, boolean managedByFile,
                                 String actor) {
        checkPort(h, d);
        Batch batch = new Batch(managedByFile, clock.instant());
        write(h, d, old, actor, batch);
        batch.write(h);
        return DeploymentRows.find(h, d.name()).orElseThrow();
    }

    /**
     * Writes {@code d} (unless it equals {@code old}, when only a changed mark is set) and audits the
     * change, a new row and the audit entry through {@code batch}; the port is the caller's to check.
     */
    private void write(Handle h, Deployment d, Optional<StoredDeployment> old, String actor, Batch batch) {
        boolean managedByFile = batch.managedByFile;
        if (d.ipFilterName().isPresent() && IpFilterRows.find(h, d.ipFilterName().get()).isEmpty()) {
            throw new StoreException(Kind.INVALID, "ipFilter", "no IP filter is named '" + d.ipFilterName().get() + "'");
        }
        if (d.idleTimeout().getNano() % 1_000_000 != 0) {
            throw new StoreException(Kind.INVALID, "idleTimeout", "must be a whole number of milliseconds");
        }
        Optional<String> before = old.map(o -> json(o.deployment()));
        String after = json(d);
        if (before.isPresent() && before.get().equals(after)) {
            if (old.get().managedByFile() != managedByFile) {
                DeploymentRows.setManagedByFile(h, d.name(), managedByFile);
            }
            return;
        }
        if (old.isEmpty()) {
            batch.inserts.add(d);
        } else {
            DeploymentRows.update(h, d, batch.now);
            DeploymentRows.setManagedByFile(h, d.name(), managedByFile);
        }
        batch.audits.add(new AuditEntry(0, batch.now, actor, old.isEmpty() ? "create" : "update", DEPLOYMENT,
                d.name(), before, Optional.of(after)));
    }

    /** New deployment rows and audit entries of one change, written together: an import makes thousands. */
    private static final class Batch {
        final boolean managedByFile;
        final Instant now;
        final List<Deployment> inserts = new ArrayList<>();
        final List<AuditEntry> audits = new ArrayList<>();

        Batch(boolean managedByFile, Instant now) {
            this.managedByFile = managedByFile;
            this.now = now;
        }

        void write(Handle h) {
            DeploymentRows.insertAll(h, inserts, managedByFile, now);
            JdbiAuditLog.insertAll(h, audits);
        }
    }

    /** Writes {@code f} (unless it equals {@code old}) and audits the change. */
    private StoredIpFilter put(Handle h, NamedIpFilter f, Optional<StoredIpFilter> old, boolean managedByFile,
                               String actor) {
        Optional<String> before = old.map(o -> json(o.filter()));
        String after = json(f);
        if (before.isPresent() && before.get().equals(after)) {
            if (old.get().managedByFile() != managedByFile) {
                IpFilterRows.setManagedByFile(h, f.name(), managedByFile);
            }
            return IpFilterRows.find(h, f.name()).orElseThrow();
        }
        Instant now = clock.instant();
        if (old.isEmpty()) {
            IpFilterRows.insert(h, f, managedByFile, now);
        } else {
            IpFilterRows.update(h, f, now);
            IpFilterRows.setManagedByFile(h, f.name(), managedByFile);
        }
        audit(h, actor, old.isEmpty() ? "create" : "update", IP_FILTER, f.name(), before, Optional.of(after));
        return IpFilterRows.find(h, f.name()).orElseThrow();
    }

    private void checkPort(Handle h, Deployment d) {
        checkPort(d, DeploymentRows.samePort(h, d));
    }

    /** {@code others}: the other deployments stored on {@code d}'s port. */
    private void checkPort(Deployment d, List<String> others) {
        Optional<String> refusal = reserved.refusal(d.listener());
        if (refusal.isPresent()) {
            throw new StoreException(Kind.CONFLICT, "listener.port", refusal.get());
        }
        if (d.listener().port() != 0 && !others.isEmpty()) {
            throw new StoreException(Kind.CONFLICT, "listener.port", "port " + d.listener().port()
                    + " is already used by deployment '" + others.get(0) + "'");
        }
    }

    private void audit(Handle h, String actor, String action, String kind, String name, Optional<String> before,
                       Optional<String> after) {
        JdbiAuditLog.insert(h, new AuditEntry(0, clock.instant(), actor, action, kind, name, before, after));
    }

    private <T> T change(Function<Handle, T> work) {
        return Sql.translate(() -> jdbi.inTransaction(work::apply));
    }

    private static void requireSameName(String name, String newName, String what) {
        if (!name.equals(newName)) {
            throw new StoreException(Kind.INVALID, "name", "the name of " + what + " cannot change ('" + name
                    + "' to '" + newName + "'): create a new one and delete the old");
        }
    }

    private static StoreException notFound(String kind, String name) {
        return StoreException.notFound((kind.equals(DEPLOYMENT) ? "deployment" : "IP filter") + " '" + name + "'");
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }

    static String json(Deployment d) {
        return DeploymentEntry.write(d).toString();
    }

    static String json(NamedIpFilter f) {
        return IpFilterEntry.write(f).toString();
    }
}
