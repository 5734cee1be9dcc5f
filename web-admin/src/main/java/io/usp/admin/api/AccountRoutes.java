package io.usp.admin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.usp.admin.auth.AccessGuard;
import io.usp.admin.auth.AdminAccounts;
import io.usp.admin.auth.ApiTokens;
import io.usp.admin.auth.LoginRefused;
import io.usp.deployments.store.AdminStore.ApiToken;

/**
 * Admin users and API tokens: list, add and remove admins, set a password (the caller's current
 * password confirms it), list tokens and withdraw one, or the caller's own ({@code current}).
 */
final class AccountRoutes {

    private final AdminAccounts accounts;
    private final ApiTokens tokens;

    AccountRoutes(AdminAccounts accounts, ApiTokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/admins", ctx -> {
            ArrayNode out = ApiJson.MAPPER.createArrayNode();
            accounts.users().forEach(u -> {
                ObjectNode user = out.addObject().put("username", u.username()).put("createdAt", u.createdAt().toString());
                u.lastLoginAt().ifPresent(at -> user.put("lastLoginAt", at.toString()));
            });
            ApiJson.send(ctx, 200, out);
        });
        routes.post("/api/v1/admins", ctx -> {
            ObjectNode body = ApiJson.body(ctx);
            ApiJson.onlyFields(body, "{\"username\", \"password\"}", "username", "password");
            String username = ApiJson.requiredText(body, "username");
            accounts.add(username, ApiJson.requiredText(body, "password"), AccessGuard.apiUser(ctx));
            ApiJson.send(ctx, 201, ApiJson.object().put("username", username));
        });
        routes.delete("/api/v1/admins/{username}", ctx -> {
            accounts.remove(ctx.pathParam("username"), AccessGuard.apiUser(ctx));
            ctx.status(204);
        });
        routes.put("/api/v1/admins/{username}/password", this::setPassword);
        routes.get("/api/v1/auth/tokens", this::listTokens);
        routes.delete("/api/v1/auth/tokens/{id}", this::withdraw);
    }

    private void setPassword(Context ctx) {
        ObjectNode body = ApiJson.body(ctx);
        ApiJson.onlyFields(body, "{\"currentPassword\", \"newPassword\"}", "currentPassword", "newPassword");
        String current = ApiJson.requiredText(body, "currentPassword");
        String next = ApiJson.requiredText(body, "newPassword");
        try {
            accounts.setPassword(ctx.pathParam("username"), next, AccessGuard.apiUser(ctx), current, ctx.ip());
        } catch (LoginRefused refused) {
            int status = refused.status(ctx, 403);
            if (status == 429) {
                ApiJson.error(ctx, status, refused.getMessage(), null); // locked: no field is to blame
            } else {
                ApiJson.error(ctx, status, "is not your password", "currentPassword");
            }
            return;
        }
        ctx.status(204);
    }

    private void listTokens(Context ctx) {
        long current = tokens.find(AccessGuard.apiToken(ctx)).map(ApiToken::id).orElse(-1L);
        ArrayNode out = ApiJson.MAPPER.createArrayNode();
        for (ApiToken t : accounts.tokens()) {
            out.addObject().put("id", t.id()).put("username", t.username()).put("createdAt", t.createdAt().toString())
                    .put("expiresAt", t.expiresAt().toString()).put("current", t.id() == current);
        }
        ApiJson.send(ctx, 200, out);
    }

    private void withdraw(Context ctx) {
        String id = ctx.pathParam("id");
        long tokenId;
        if (id.equals("current")) {
            // the guard has just found it valid; it may only expire in between
            tokenId = tokens.find(AccessGuard.apiToken(ctx)).map(ApiToken::id).orElse(-1L);
        } else {
            try {
                tokenId = Long.parseLong(id);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("id", "'" + id + "' is not a token id (or 'current')");
            }
        }
        accounts.withdrawToken(tokenId, AccessGuard.apiUser(ctx));
        ctx.status(204);
    }
}
