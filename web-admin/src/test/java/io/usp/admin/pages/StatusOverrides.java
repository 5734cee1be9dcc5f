package io.usp.admin.pages;

import io.usp.admin.FakeRunningServer;
import io.usp.admin.live.RunningServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The core's {@link FakeRunningServer} with statuses a test sets by hand (a failed bind with a
 * hostile error text, refusal counts), since the fake alone never fails.
 */
final class StatusOverrides implements RunningServer {

    private final FakeRunningServer fake;
    private final Map<String, DeploymentStatus> overrides = new ConcurrentHashMap<>();

    StatusOverrides(FakeRunningServer fake) {
        this.fake = fake;
    }

    void set(DeploymentStatus status) {
        overrides.put(status.name(), status);
    }

    @Override
    public void deploymentsChanged() {
        fake.deploymentsChanged();
    }

    @Override
    public List<DeploymentStatus> deployments() {
        List<DeploymentStatus> out = new ArrayList<>();
        fake.deployments().forEach(s -> out.add(overrides.getOrDefault(s.name(), s)));
        return out;
    }

    @Override
    public Optional<DeploymentStatus> deployment(String name) {
        return fake.deployment(name).map(s -> overrides.getOrDefault(s.name(), s));
    }

    @Override
    public boolean start(String deployment, String actor) {
        return fake.start(deployment, actor);
    }

    @Override
    public boolean stop(String deployment, String actor) {
        return fake.stop(deployment, actor);
    }

    @Override
    public List<ConnectedClient> connectedClients() {
        return fake.connectedClients();
    }

    @Override
    public List<LiveConnection> connections() {
        return fake.connections();
    }

    @Override
    public boolean closeConnection(long id, String actor) {
        return fake.closeConnection(id, actor);
    }

    @Override
    public Totals totals() {
        return fake.totals();
    }

    @Override
    public NewClient addClient(String name, String actor) {
        return fake.addClient(name, actor);
    }

    @Override
    public boolean revokeClient(String name, String actor) {
        return fake.revokeClient(name, actor);
    }

    @Override
    public List<ClientEnrollment> enrollments() {
        return fake.enrollments();
    }

    @Override
    public List<PeerServer> servers() {
        return fake.servers();
    }
}
