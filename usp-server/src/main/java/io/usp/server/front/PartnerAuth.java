package io.usp.server.front;

import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * A collection's partner credentials, as its front asks for them: whether any are required now,
 * and a check that runs off the event loop (password hashes are slow on purpose) and completes
 * with the verdict, throttled like admin logins.
 */
public interface PartnerAuth {

    /** Credentials are not checked: the IP filter alone guards the listener. */
    PartnerAuth NONE = new PartnerAuth() {
        @Override
        public boolean required() {
            return false;
        }

        @Override
        public CompletableFuture<Verdict> check(String username, String password, SocketAddress partner) {
            return CompletableFuture.completedFuture(new Verdict(true, username));
        }
    };

    boolean required();

    CompletableFuture<Verdict> check(String username, String password, SocketAddress partner);

    /** {@code detail} names the partner user and, when refused, why (for the log, never the partner). */
    record Verdict(boolean accepted, String detail) {
    }
}
