package io.usp.server.admin;

import io.usp.admin.live.RunningServer;
import io.usp.deployments.Deployment;
import io.usp.deployments.store.EnrollmentStore;
import io.usp.deployments.store.EnrollmentStore.Revocation;
import io.usp.deployments.store.StoredDeployment;
import io.usp.server.UspServer;
import io.usp.server.cluster.Membership;
import io.usp.server.dispatch.Addresses;
import io.usp.server.dispatch.LiveConnections;
import io.usp.server.dispatch.Refusal;
import io.usp.server.enroll.ClientTokens;
import io.usp.server.listener.ListenerBindException;
import io.usp.server.listener.ListenerStats;
import io.usp.server.listener.LiveListener;
import io.usp.server.tunnel.TunnelConnection;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The running server as the admin app sees it. */
public final class ServerView implements RunningServer {

    private final UspServer server;

    public ServerView(UspServer server) {
        this.server = server;
    }

    @Override
    public void deploymentsChanged() {
        server.reconcile();
    }

    @Override
    public List<DeploymentStatus> deployments() {
        return server.database().deployments().deployments().stream().map(this::status).toList();
    }

    @Override
    public Optional<DeploymentStatus> deployment(String name) {
        return server.database().deployments().deployment(name).map(this::status);
    }

    private DeploymentStatus status(StoredDeployment stored) {
        Deployment d = stored.deployment();
        Optional<LiveListener> live = server.listeners().get(d.name());
        Optional<ListenerBindException> failure = server.listeners().failure(d.name());
        State state = !d.enabled() ? State.DISABLED
                : live.isPresent() ? State.RUNNING
                : failure.isPresent() ? State.FAILED
                : State.STOPPED;
        ListenerStats stats = server.listeners().stats(d.name());
        return new DeploymentStatus(d.name(), state, live.map(LiveListener::port),
                failure.map(ListenerBindException::getMessage), live.map(l -> l.partners().size()).orElse(0),
                stats.accepted(), refused(List.of(stats)), stats.bytesFromPartners(), stats.bytesToPartners());
    }

    @Override
    public boolean start(String deployment, String actor) {
        if (server.database().deployments().deployment(deployment).isEmpty()) {
            return false;
        }
        server.switches().start(deployment, actor);
        server.reconcile();
        return true;
    }

    @Override
    public boolean stop(String deployment, String actor) {
        if (server.database().deployments().deployment(deployment).isEmpty()) {
            return false;
        }
        server.switches().stop(deployment, actor);
        server.reconcile();
        return true;
    }

    @Override
    public List<ConnectedClient> connectedClients() {
        Map<String, List<TunnelConnection>> byClient = server.tunnels().all().stream()
                .collect(Collectors.groupingBy(TunnelConnection::client));
        return byClient.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new ConnectedClient(e.getKey(), e.getValue().stream()
                        .sorted(Comparator.comparing(TunnelConnection::since))
                        .map(c -> new TunnelConnectionInfo(Addresses.text(c.remoteAddress()), c.since(), c.streams()))
                        .toList()))
                .toList();
    }

    @Override
    public List<LiveConnection> connections() {
        return server.connections().all().stream()
                .map(c -> new LiveConnection(c.id(), c.deployment(), c.partner(), c.target(), c.via(), c.openedAt(),
                        c.bytesFromPartner(), c.bytesToPartner()))
                .toList();
    }

    @Override
    public boolean closeConnection(long id, String actor) {
        return server.connections().close(id, "closed by " + actor);
    }

    @Override
    public Totals totals() {
        List<ListenerStats> all = server.database().deployments().deployments().stream()
                .map(d -> server.listeners().stats(d.deployment().name())).toList();
        List<LiveConnections.Entry> open = server.connections().all();
        return new Totals(connectedClients().size(), server.tunnels().all().size(), server.openConnections(),
                all.stream().mapToLong(ListenerStats::accepted).sum(), refused(all),
                all.stream().mapToLong(ListenerStats::bytesFromPartners).sum()
                        + open.stream().mapToLong(LiveConnections.Entry::bytesFromPartner).sum(),
                all.stream().mapToLong(ListenerStats::bytesToPartners).sum()
                        + open.stream().mapToLong(LiveConnections.Entry::bytesToPartner).sum());
    }

    @Override
    public NewClient addClient(String name, String actor) {
        ClientTokens.Issued issued = server.clientTokens().add(name, actor);
        return new NewClient(issued.name(), issued.token(), issued.expiresAt());
    }

    @Override
    public boolean revokeClient(String name, String actor) {
        EnrollmentStore store = server.database().enrollment();
        if (server.tunnels().connections(name).isEmpty() && !store.knows(name)) {
            return false;
        }
        server.enrollment().revocations().revoke(store, name, server.clock().instant(), actor);
        return true;
    }

    @Override
    public List<PeerServer> servers() {
        Membership self = server.membership();
        return self.servers().stream().map(s -> new PeerServer(s.name(), s.peerAddress(), s.startedAt(),
                s.heartbeatAt(), self.live(s), s.name().equals(self.name()))).toList();
    }

    @Override
    public List<ClientEnrollment> enrollments() {
        EnrollmentStore store = server.database().enrollment();
        Map<String, Instant> tokens = new TreeMap<>();
        store.pendingTokens(server.clock().instant())
                .forEach(t -> tokens.merge(t.client(), t.expiresAt(), (a, b) -> a.isAfter(b) ? a : b));
        Map<String, Revocation> revoked = store.revocations().stream()
                .collect(Collectors.toMap(Revocation::client, r -> r));
        TreeSet<String> names = new TreeSet<>(tokens.keySet());
        names.addAll(revoked.keySet());
        return names.stream().map(n -> new ClientEnrollment(n, Optional.ofNullable(tokens.get(n)),
                Optional.ofNullable(revoked.get(n)).map(Revocation::revokedAt),
                Optional.ofNullable(revoked.get(n)).map(Revocation::revokedBy))).toList();
    }

    private static Map<String, Long> refused(List<ListenerStats> stats) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Refusal r : Refusal.values()) {
            long n = stats.stream().mapToLong(s -> s.refused(r)).sum();
            if (n > 0) {
                out.put(r.label(), n);
            }
        }
        return out;
    }
}
