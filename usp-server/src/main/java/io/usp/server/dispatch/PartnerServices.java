package io.usp.server.dispatch;

import io.usp.protocol.target.TargetConnector;
import io.usp.server.limits.ServerLimit;
import io.usp.server.metrics.ServerMetrics;
import io.usp.server.tunnel.TunnelRegistry;
import java.time.Clock;

/** The server-wide parts every partner connection's pipeline uses. */
public record PartnerServices(ServerLimit serverLimit, TunnelRegistry tunnels, TargetConnector connector,
                              ConnectionReport report, LiveConnections connections, ServerMetrics metrics,
                              Clock clock) {
}
