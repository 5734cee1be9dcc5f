package io.usp.deployments.route;

import java.util.Set;
import java.util.function.Function;

/**
 * How a deployment's partners reach a destination: a {@link FixedRoute} to one target, a
 * {@link CollectionRoute} whose partners name the destination and whose rules decide it, or an
 * {@link FtpRoute}, a session break to one FTP server.
 */
public sealed interface Route permits FixedRoute, CollectionRoute, FtpRoute {

    Mode mode();

    /** One line for people: {@code build.internal:22 via client agent-a}, {@code connect collection, 4 rules}. */
    String summary();

    /** Every client this route may open streams through. */
    Set<String> clients();

    /**
     * The one function that fits this kind. Java 17 has no exhaustive switch over a sealed type;
     * this is its stand-in: a new kind adds a parameter, and every caller must handle it.
     */
    <T> T fold(Function<FixedRoute, T> fixed, Function<CollectionRoute, T> collection, Function<FtpRoute, T> ftp);
}
