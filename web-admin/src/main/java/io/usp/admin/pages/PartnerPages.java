package io.usp.admin.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.usp.admin.AdminContext;
import io.usp.admin.auth.AdminSession;
import io.usp.deployments.store.StoreException;
import io.usp.deployments.store.StoredDeployment;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A collection's partners page and its forms: add a credential or give one a new password, remove
 * one. A refused form comes back with the username typed and the message next to its field; the
 * password is never sent back.
 */
final class PartnerPages {

    private static final Set<String> INPUTS = Set.of("username", "password");

    private final AdminContext context;

    PartnerPages(AdminContext context) {
        this.context = context;
    }

    void register(RoutesConfig routes) {
        routes.get(PartnersPage.PATH, ctx -> ctx.html(page(ctx, new FormFields(Map.of()))));
        routes.post(PartnersPage.PATH, this::set);
        routes.post(PartnersPage.PATH + "/{username}/remove", ctx -> {
            context.partnerCredentials().remove(ctx.pathParam("name"), ctx.pathParam("username"),
                    AdminSession.of(ctx).username());
            ctx.redirect(PartnersPage.path(ctx.pathParam("name")), HttpStatus.SEE_OTHER);
        });
    }

    private void set(Context ctx) {
        String deployment = ctx.pathParam("name");
        String username = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
        FormFields form = new FormFields(Map.of("username", username));
        try {
            context.partnerCredentials().set(deployment, username,
                    Optional.ofNullable(ctx.formParam("password")).orElse(""), AdminSession.of(ctx).username());
        } catch (StoreException e) {
            if (e.kind() == StoreException.Kind.NOT_FOUND) {
                throw e; // no such deployment: the core's 404
            }
            FieldErrors.add(form, e, INPUTS, Map.of());
            ctx.status(e.kind() == StoreException.Kind.CONFLICT ? 409 : 400).html(page(ctx, form));
            return;
        }
        ctx.redirect(PartnersPage.path(deployment), HttpStatus.SEE_OTHER);
    }

    private String page(Context ctx, FormFields form) {
        String name = ctx.pathParam("name");
        StoredDeployment stored = context.deployments().deployment(name)
                .orElseThrow(() -> StoreException.notFound("deployment '" + name + "'"));
        return PartnersPage.render(AdminSession.of(ctx), stored.deployment(),
                context.partnerCredentials().list(name), form);
    }
}
