package io.usp.server.listener;

/** Told when a deployment's listener is bound or stopped. */
public interface ListenerEvents {

    void up(LiveListener listener);

    void down(LiveListener listener);
}
