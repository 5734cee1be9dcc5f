package io.usp.server.state;

import io.usp.deployments.Deployment;
import io.usp.deployments.StartMode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which deployments an admin started or stopped since the server started. Without a switch a
 * deployment runs when its start mode is {@code auto}; switches are not kept across restarts,
 * which is what the start mode is for.
 */
public final class RunSwitches {

    /** Who flipped a switch, for the log line of the listener it stops. */
    record Switch(boolean run, String actor) {
    }

    private final Map<String, Switch> switches = new ConcurrentHashMap<>();

    public void start(String deployment, String actor) {
        switches.put(deployment, new Switch(true, actor));
    }

    public void stop(String deployment, String actor) {
        switches.put(deployment, new Switch(false, actor));
    }

    /** Whether an enabled deployment should listen now. */
    public boolean shouldRun(Deployment d) {
        Switch s = switches.get(d.name());
        return s == null ? d.startMode() == StartMode.AUTO : s.run();
    }

    Optional<Switch> of(String deployment) {
        return Optional.ofNullable(switches.get(deployment));
    }

    /** Forgets switches of deployments that no longer exist, so a new one of that name starts fresh. */
    void retain(Set<String> names) {
        switches.keySet().retainAll(names);
    }
}
