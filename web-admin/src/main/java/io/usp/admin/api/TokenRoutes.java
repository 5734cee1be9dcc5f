package io.usp.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.usp.admin.auth.ApiTokens;
import io.usp.admin.auth.Authenticator;
import io.usp.admin.auth.LoginRefused;

/** {@code POST /api/v1/auth/token}: a username and password buy a bearer token for a day. */
final class TokenRoutes {

    private final Authenticator authenticator;
    private final ApiTokens tokens;

    TokenRoutes(Authenticator authenticator, ApiTokens tokens) {
        this.authenticator = authenticator;
        this.tokens = tokens;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/auth/token", this::issue);
    }

    private void issue(Context ctx) {
        ObjectNode body = ApiJson.body(ctx);
        String user;
        try {
            user = authenticator.authenticate(text(body, "username"), text(body, "password"), ctx.ip(), "token");
        } catch (LoginRefused refused) {
            ApiJson.error(ctx, refused.status(ctx, 401), refused.getMessage(), null);
            return;
        }
        ApiTokens.Issued issued = tokens.issue(user);
        ApiJson.send(ctx, 200, ApiJson.object().put("token", issued.token())
                .put("expiresAt", issued.expiresAt().toString()));
    }

    private static String text(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw ApiException.badRequest(field, "is required and must be a string");
        }
        return value.textValue();
    }
}
