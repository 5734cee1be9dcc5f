package io.usp.admin.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.usp.admin.AdminContext;
import io.usp.admin.Html;
import io.usp.admin.auth.AdminSession;
import io.usp.admin.live.RunningServer.NewClient;
import io.usp.deployments.store.StoreException;
import java.util.Optional;

/** The clients page, adding a client (its token is shown once, on the page that answers) and revoking one. */
final class ClientPages {

    private final AdminContext context;

    ClientPages(AdminContext context) {
        this.context = context;
    }

    void register(RoutesConfig routes) {
        routes.get("/clients", ctx -> ctx.html(list(ctx, Optional.empty(), "")));
        routes.post("/clients", this::add);
        routes.post("/clients/{name}/revoke", ctx -> {
            context.actions().revokeClient(ctx.pathParam("name"), AdminSession.of(ctx).username());
            ctx.redirect("/clients", HttpStatus.SEE_OTHER);
        });
    }

    private void add(Context ctx) {
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
        NewClient added;
        try {
            added = context.actions().addClient(name, AdminSession.of(ctx).username());
        } catch (StoreException e) {
            ctx.status(400).html(list(ctx, Optional.of(e.getMessage()), name));
            return;
        }
        // no-store: the token must not sit in a cache once the admin has copied it
        ctx.header("Cache-Control", "no-store").html(tokenPage(AdminSession.of(ctx), added));
    }

    private String list(Context ctx, Optional<String> error, String name) {
        return ClientsPage.render(AdminSession.of(ctx), context.clients().clients(),
                context.server().connectedClients(), context.server().enrollments(), context.clock().instant(), error,
                name);
    }

    static String tokenPage(AdminSession session, NewClient added) {
        String body = "<p>Client <strong id=\"new-client\">" + Html.esc(added.name()) + "</strong> was added. Its "
                + "one-time enrollment token, valid until <span id=\"token-expires\">" + Format.time(added.expiresAt())
                + "</span>, is shown only now:</p>\n"
                + "<pre id=\"enrollment-token\">" + Html.esc(added.token()) + "</pre>\n"
                + "<p>On the client's machine:</p>\n<pre>java -jar usp-client.jar enroll --token TOKEN --dir /etc/usp-client\n"
                + "java -jar usp-client.jar run --config /etc/usp-client/client.yaml</pre>\n"
                + "<p>The client writes its key, certificates and a <code>client.yaml</code> whose allow-list is empty: "
                + "it refuses every target until its operator adds <code>allow:</code> rules "
                + "(docs/configuration.md). Deployments name it as <code>client: " + Html.esc(added.name())
                + "</code>.</p>\n<p><a id=\"back-to-clients\" href=\"/clients\">Back to clients</a></p>\n";
        return Layout.page("Client added", "/clients", session, body);
    }
}
