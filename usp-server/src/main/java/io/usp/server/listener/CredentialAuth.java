package io.usp.server.listener;

import io.usp.admin.partners.PartnerLogins;
import io.usp.server.front.PartnerAuth;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * A collection's partner credentials as its front asks for them: those stored for the deployment
 * when the partner connects, checked by {@link PartnerLogins} off the event loop.
 */
final class CredentialAuth implements PartnerAuth {

    private final String deployment;
    private final PartnerLogins logins;

    CredentialAuth(String deployment, PartnerLogins logins) {
        this.deployment = deployment;
        this.logins = logins;
    }

    @Override
    public boolean required() {
        return logins.required(deployment);
    }

    @Override
    public CompletableFuture<Verdict> check(String username, String password, SocketAddress partner) {
        return logins.check(deployment, username, password, partner)
                .thenApply(outcome -> new Verdict(outcome.accepted(), outcome.detail()));
    }
}
