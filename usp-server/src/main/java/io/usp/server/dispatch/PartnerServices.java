package io.usp.server.dispatch;

import io.usp.admin.partners.PartnerLogins;
import io.usp.protocol.target.TargetConnector;
import io.usp.server.limits.ServerLimit;
import io.usp.server.metrics.ServerMetrics;
import io.usp.server.tunnel.TunnelRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * The server-wide parts every partner connection's pipeline uses.
 *
 * @param answerTimeout how long a client may take to answer a stream request ({@code tunnel.answerTimeout})
 * @param partnerLogins checks the credentials collections' partners give
 */
public record PartnerServices(ServerLimit serverLimit, TunnelRegistry tunnels, TargetConnector connector,
                              ConnectionReport report, LiveConnections connections, ServerMetrics metrics,
                              Duration answerTimeout, Clock clock, PartnerLogins partnerLogins) {
}
