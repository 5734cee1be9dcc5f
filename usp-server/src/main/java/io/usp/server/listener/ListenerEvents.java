package io.usp.server.listener;

/** Told when a deployment's listener is bound or stopped, and when its counters start and end. */
public interface ListenerEvents {

    void up(LiveListener listener);

    void down(LiveListener listener);

    /** A deployment's counters exist from now on (they outlive its listener's stops and restarts). */
    void counting(String deployment, ListenerStats stats);

    /** The deployment is gone, and its counters with it. */
    void forgotten(String deployment);
}
