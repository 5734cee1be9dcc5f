package io.usp.admin.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.usp.admin.auth.AdminAccounts;
import io.usp.admin.auth.AdminSession;
import io.usp.admin.auth.LoginRefused;
import io.usp.deployments.store.StoreException;
import java.util.Map;
import java.util.Set;

/**
 * The admins page and its forms. Registered by the admin server itself, not passed in with the
 * other pages: managing who may log in belongs with the login.
 */
public final class AccountPages {

    private static final Set<String> ADD_INPUTS = Set.of("username", "password");
    private static final Set<String> PASSWORD_INPUTS = Set.of("currentPassword", "newPassword");

    private final AdminAccounts accounts;

    public AccountPages(AdminAccounts accounts) {
        this.accounts = accounts;
    }

    public void register(RoutesConfig routes) {
        routes.get(AccountsPage.PATH, ctx -> ctx.html(page(ctx, AccountsPage.Forms.empty())));
        routes.post(AccountsPage.PATH, this::add);
        routes.post(AccountsPage.PATH + "/password", this::changePassword);
        routes.post(AccountsPage.PATH + "/{username}/remove", ctx -> {
            accounts.remove(ctx.pathParam("username"), AdminSession.of(ctx).username());
            ctx.redirect(AccountsPage.PATH, HttpStatus.SEE_OTHER);
        });
        routes.post(AccountsPage.PATH + "/tokens/{id}/withdraw", ctx -> {
            accounts.withdrawToken(ctx.pathParamAsClass("id", Long.class).get(), AdminSession.of(ctx).username());
            ctx.redirect(AccountsPage.PATH, HttpStatus.SEE_OTHER);
        });
    }

    private void add(Context ctx) {
        String username = field(ctx, "username").strip();
        // the typed username goes back into the form; the password never does
        FormFields form = new FormFields(Map.of("username", username));
        try {
            accounts.add(username, field(ctx, "password"), AdminSession.of(ctx).username());
        } catch (StoreException e) {
            FieldErrors.add(form, e, ADD_INPUTS, Map.of());
            ctx.status(e.kind() == StoreException.Kind.CONFLICT ? 409 : 400)
                    .html(page(ctx, new AccountsPage.Forms(form, new FormFields(Map.of()))));
            return;
        }
        ctx.redirect(AccountsPage.PATH, HttpStatus.SEE_OTHER);
    }

    private void changePassword(Context ctx) {
        AdminSession session = AdminSession.of(ctx);
        FormFields form = new FormFields(Map.of());
        try {
            accounts.setPassword(session.username(), field(ctx, "newPassword"), session.username(),
                    field(ctx, "currentPassword"), ctx.ip());
        } catch (LoginRefused refused) {
            int status = refused.status(ctx, 403);
            form.error("currentPassword", status == 429 ? refused.getMessage() : "that is not your current password");
            ctx.status(status).html(page(ctx, new AccountsPage.Forms(new FormFields(Map.of()), form)));
            return;
        } catch (StoreException e) {
            FieldErrors.add(form, e, PASSWORD_INPUTS, Map.of());
            ctx.status(400).html(page(ctx, new AccountsPage.Forms(new FormFields(Map.of()), form)));
            return;
        }
        // this session has ended with the others: log in again with the new password
        ctx.redirect("/login?changed=password", HttpStatus.SEE_OTHER);
    }

    private String page(Context ctx, AccountsPage.Forms forms) {
        return AccountsPage.render(AdminSession.of(ctx), accounts.users(), accounts.tokens(), forms);
    }

    private static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }
}
