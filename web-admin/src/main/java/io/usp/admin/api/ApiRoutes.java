package io.usp.admin.api;

import io.javalin.config.RoutesConfig;
import io.usp.admin.AdminContext;
import io.usp.admin.auth.AdminAccounts;
import io.usp.admin.auth.ApiTokens;
import io.usp.admin.auth.Authenticator;

/** Every route under {@code /api/v1}; the access guard has checked the bearer token before any of them runs. */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    public static void register(RoutesConfig routes, AdminContext context, Authenticator authenticator,
                                ApiTokens tokens, AdminAccounts accounts) {
        new TokenRoutes(authenticator, tokens).register(routes);
        new AccountRoutes(accounts, tokens).register(routes);
        new DeploymentRoutes(context).register(routes);
        new PartnerRoutes(context).register(routes);
        new IpFilterRoutes(context).register(routes);
        new LiveRoutes(context).register(routes);
        new ClientRoutes(context).register(routes);
        new LogRoutes(context).register(routes);
        new ExportRoutes(context).register(routes);
        ApiErrors.register(routes);
    }
}
