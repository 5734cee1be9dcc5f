package io.usp.admin.route;

import io.usp.deployments.Deployment;
import io.usp.deployments.Target;
import io.usp.deployments.route.CollectionRoute;

/**
 * "Test a destination": what a collection's rules decide for a {@code host:port} an admin types,
 * exactly as the partner path decides a request (same parse, same {@link CollectionRoute#decide}).
 * The page and the API both call {@link #run}; each shows the {@link DestinationAnswer} its own way.
 */
public final class DestinationTest {

    /** Why there is no answer, with the HTTP status the API and the page answer it with. */
    public enum Problem {
        /** Not {@code host:port}. */
        BAD_DESTINATION(400),
        /** A tcp deployment: no rules to ask. */
        FIXED_TARGET(409);

        private final int status;

        Problem(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** A test that has no answer, with a message for the admin. */
    public static final class Refused extends RuntimeException {

        private final Problem problem;

        Refused(Problem problem, String message) {
            super(message);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private DestinationTest() {
    }

    /** The decision of {@code deployment}'s rules for {@code destination} ({@code host:port} or {@code [v6]:port}). */
    public static DestinationAnswer run(Deployment deployment, String destination) {
        CollectionRoute collection = deployment.route().fold(fixed -> {
            throw new Refused(Problem.FIXED_TARGET, "deployment '" + deployment.name()
                    + "' is mode tcp: it has one fixed target (" + fixed.target().authority() + ")");
        }, c -> c, ftp -> {
            throw new Refused(Problem.FIXED_TARGET, "deployment '" + deployment.name()
                    + "' is mode ftp: it has one fixed target (" + ftp.target().authority() + ")");
        });
        Target requested = parse(destination);
        return new DestinationAnswer(collection, collection.decide(requested));
    }

    private static Target parse(String destination) {
        String text = destination == null ? "" : destination.strip();
        if (text.isEmpty()) {
            throw new Refused(Problem.BAD_DESTINATION, "give a destination as host:port, e.g. db7.internal:5432");
        }
        try {
            return Target.parseAuthority(text);
        } catch (IllegalArgumentException e) {
            throw new Refused(Problem.BAD_DESTINATION, e.getMessage()
                    + "; give host:port, e.g. db7.internal:5432 or [2001:db8::7]:22");
        }
    }
}
