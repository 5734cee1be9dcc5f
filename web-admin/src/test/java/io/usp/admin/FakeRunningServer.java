package io.usp.admin;

import io.usp.admin.live.RunningServer;
import io.usp.deployments.StartMode;
import io.usp.deployments.store.DeploymentStore;
import io.usp.deployments.store.StoredDeployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server side as the admin app sees it, without listeners: states follow the store and the
 * start/stop calls, so the API can be tested on its own. The real server is tested in usp-server.
 */
public final class FakeRunningServer implements RunningServer {

    private final DeploymentStore store;
    private final Set<String> started = new HashSet<>();
    private final Set<String> stopped = new HashSet<>();
    private final List<LiveConnection> connections = new CopyOnWriteArrayList<>();
    private final List<ConnectedClient> clients = new CopyOnWriteArrayList<>();
    private final Map<String, NewClient> added = new TreeMap<>();
    private final Map<String, String> revokedBy = new TreeMap<>();
    /** When every token the fake hands out expires, and when revocations happen. */
    public static final Instant TOKEN_EXPIRES = Instant.parse("2026-03-02T10:00:00Z");
    public static final Instant REVOKED_AT = Instant.parse("2026-03-01T11:00:00Z");
    private volatile int changes;

    public FakeRunningServer(DeploymentStore store) {
        this.store = store;
    }

    public int changes() {
        return changes;
    }

    public void open(LiveConnection connection) {
        connections.add(connection);
    }

    public void connect(ConnectedClient client) {
        clients.add(client);
    }

    @Override
    public synchronized void deploymentsChanged() {
        changes++;
    }

    @Override
    public synchronized List<DeploymentStatus> deployments() {
        List<DeploymentStatus> out = new ArrayList<>();
        store.deployments().forEach(d -> out.add(status(d)));
        return out;
    }

    @Override
    public synchronized Optional<DeploymentStatus> deployment(String name) {
        return store.deployment(name).map(this::status);
    }

    @Override
    public synchronized boolean start(String deployment, String actor) {
        if (store.deployment(deployment).isEmpty()) {
            return false;
        }
        stopped.remove(deployment);
        started.add(deployment);
        return true;
    }

    @Override
    public synchronized boolean stop(String deployment, String actor) {
        if (store.deployment(deployment).isEmpty()) {
            return false;
        }
        started.remove(deployment);
        stopped.add(deployment);
        return true;
    }

    @Override
    public List<ConnectedClient> connectedClients() {
        return List.copyOf(clients);
    }

    @Override
    public List<LiveConnection> connections() {
        return List.copyOf(connections);
    }

    @Override
    public boolean closeConnection(long id, String actor) {
        return connections.removeIf(c -> c.id() == id);
    }

    @Override
    public Totals totals() {
        return new Totals(clients.size(), clients.stream().mapToInt(c -> c.tunnelConnections().size()).sum(),
                connections.size(), 7, Map.of("ip-filter", 2L), 100, 200);
    }

    /** Like the server: a name that cannot be a certificate CN is refused. */
    @Override
    public synchronized NewClient addClient(String name, String actor) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException("client name '" + name + "' is invalid");
        }
        NewClient client = new NewClient(name, "usp1.fake-token-for-" + name, TOKEN_EXPIRES);
        added.put(name, client);
        return client;
    }

    /** Known: added or connected. Revoking drops its connections and its token. */
    @Override
    public synchronized boolean revokeClient(String name, String actor) {
        if (!added.containsKey(name) && !revokedBy.containsKey(name)
                && clients.stream().noneMatch(c -> c.name().equals(name))) {
            return false;
        }
        clients.removeIf(c -> c.name().equals(name));
        added.remove(name);
        revokedBy.put(name, actor);
        return true;
    }

    /** This server alone, started at the fake's clock start. */
    @Override
    public List<PeerServer> servers() {
        return List.of(new PeerServer("fake", "localhost:7443", Instant.EPOCH, Instant.EPOCH, true, true));
    }

    @Override
    public synchronized List<ClientEnrollment> enrollments() {
        Set<String> names = new TreeSet<>(added.keySet());
        names.addAll(revokedBy.keySet());
        return names.stream().map(n -> new ClientEnrollment(n,
                Optional.ofNullable(added.get(n)).map(NewClient::expiresAt),
                Optional.ofNullable(revokedBy.get(n)).map(by -> REVOKED_AT), Optional.ofNullable(revokedBy.get(n))))
                .toList();
    }

    private DeploymentStatus status(StoredDeployment stored) {
        var d = stored.deployment();
        State state;
        if (!d.enabled()) {
            state = State.DISABLED;
        } else if (stopped.contains(d.name())) {
            state = State.STOPPED;
        } else if (d.startMode() == StartMode.AUTO || started.contains(d.name())) {
            state = State.RUNNING;
        } else {
            state = State.STOPPED;
        }
        Optional<Integer> port = state == State.RUNNING ? Optional.of(d.listener().port()) : Optional.empty();
        return new DeploymentStatus(d.name(), state, port, Optional.empty(), 0, 0, Map.of(), 0, 0);
    }

    public static LiveConnection connection(long id, String deployment) {
        return new LiveConnection(id, deployment, "198.51.100.7:40000", "127.0.0.1:22", "direct",
                Instant.parse("2026-01-01T00:00:00Z"), 1, 2);
    }
}
