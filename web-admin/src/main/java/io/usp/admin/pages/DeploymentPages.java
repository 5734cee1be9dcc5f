package io.usp.admin.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.usp.admin.Html;
import io.usp.admin.AdminContext;
import io.usp.admin.auth.AdminSession;
import io.usp.admin.pages.DeploymentPage.Tested;
import io.usp.admin.route.DestinationAnswer;
import io.usp.admin.route.DestinationTest;
import io.usp.deployments.Deployment;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.store.ClientStore.ClientRecord;
import io.usp.deployments.store.StoreException;
import io.usp.deployments.store.StoredDeployment;
import io.usp.deployments.store.StoredIpFilter;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The deployments pages: list, one deployment with its rules and test box, create, edit, delete
 * (after a confirmation page), start and stop.
 * A refused form comes back with what was typed and the message next to the field; a saved one
 * redirects (303) to the list. A rules editor step ({@link RuleEditor}) shows the form again, unsaved.
 */
final class DeploymentPages {

    private final AdminContext context;

    DeploymentPages(AdminContext context) {
        this.context = context;
    }

    void register(RoutesConfig routes) {
        routes.get("/deployments", ctx -> ctx.html(DeploymentListPage.render(AdminSession.of(ctx),
                context.deployments().deployments(), context.server().deployments())));
        routes.get("/deployments/new", ctx -> form(ctx, DeploymentForm.blank(), null, false, HttpStatus.OK));
        routes.post("/deployments", this::create);
        // after /deployments/new, which it would otherwise take
        routes.get("/deployments/{name}", ctx -> detail(ctx, stored(ctx.pathParam("name")), Optional.empty(),
                HttpStatus.OK.getCode()));
        routes.post("/deployments/{name}/test", this::test);
        routes.get("/deployments/{name}/edit", ctx -> {
            StoredDeployment stored = stored(ctx.pathParam("name"));
            form(ctx, DeploymentForm.of(stored.deployment()), stored.deployment().name(), stored.managedByFile(),
                    HttpStatus.OK);
        });
        routes.post("/deployments/{name}/edit", this::update);
        routes.get("/deployments/{name}/delete", this::confirmDelete);
        routes.post("/deployments/{name}/delete", ctx -> {
            context.actions().deleteDeployment(ctx.pathParam("name"), AdminSession.of(ctx).username());
            ctx.redirect("/deployments", HttpStatus.SEE_OTHER);
        });
        routes.post("/deployments/{name}/start", ctx -> {
            context.actions().start(ctx.pathParam("name"), AdminSession.of(ctx).username());
            ctx.redirect("/deployments", HttpStatus.SEE_OTHER);
        });
        routes.post("/deployments/{name}/stop", ctx -> {
            context.actions().stop(ctx.pathParam("name"), AdminSession.of(ctx).username());
            ctx.redirect("/deployments", HttpStatus.SEE_OTHER);
        });
    }

    private void create(Context ctx) {
        Optional<String> step = DeploymentForm.step(ctx);
        if (step.isPresent()) {
            edited(ctx, step.get(), null, false);
            return;
        }
        FormFields form = DeploymentForm.submitted(ctx);
        Optional<Deployment> deployment = DeploymentForm.parse(form, filters());
        if (deployment.isPresent()) {
            try {
                context.actions().createDeployment(deployment.get(), AdminSession.of(ctx).username());
                ctx.redirect("/deployments", HttpStatus.SEE_OTHER);
                return;
            } catch (StoreException e) {
                refused(ctx, form, e, null, false);
                return;
            }
        }
        form(ctx, form, null, false, HttpStatus.BAD_REQUEST);
    }

    private void update(Context ctx) {
        StoredDeployment current = stored(ctx.pathParam("name"));
        String name = current.deployment().name();
        Optional<String> step = DeploymentForm.step(ctx);
        if (step.isPresent()) {
            edited(ctx, step.get(), name, current.managedByFile());
            return;
        }
        FormFields form = DeploymentForm.submitted(ctx);
        Optional<Deployment> deployment = DeploymentForm.parse(form, filters());
        if (deployment.isPresent()) {
            try {
                context.actions().updateDeployment(name, deployment.get(), AdminSession.of(ctx).username());
                ctx.redirect("/deployments", HttpStatus.SEE_OTHER);
                return;
            } catch (StoreException e) {
                refused(ctx, form, e, name, current.managedByFile());
                return;
            }
        }
        form(ctx, form, name, current.managedByFile(), HttpStatus.BAD_REQUEST);
    }

    /** A rules editor step: the form again with the change made, nothing saved. */
    private void edited(Context ctx, String step, String editing, boolean managedByFile) {
        FormFields form = DeploymentForm.edited(ctx, step);
        form(ctx, form, editing, managedByFile, form.hasErrors() ? HttpStatus.BAD_REQUEST : HttpStatus.OK);
    }

    /** A store refusal about the entry goes next to its field; a missing deployment is the core's 404. */
    private void refused(Context ctx, FormFields form, StoreException e, String editing, boolean managedByFile) {
        if (e.kind() == StoreException.Kind.NOT_FOUND) {
            throw e;
        }
        DeploymentForm.addError(form, e);
        form(ctx, form, editing, managedByFile,
                e.kind() == StoreException.Kind.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
    }

    private void form(Context ctx, FormFields form, String editing, boolean managedByFile, HttpStatus status) {
        ctx.status(status).html(DeploymentFormPage.render(AdminSession.of(ctx), form, editing, managedByFile,
                context.deployments().ipFilters().stream().map(f -> f.filter().name()).toList(),
                context.clients().clients().stream().map(ClientRecord::name).toList()));
    }

    private void detail(Context ctx, StoredDeployment stored, Optional<Tested> tested, int status) {
        ctx.status(status).html(DeploymentPage.render(AdminSession.of(ctx), stored,
                context.server().deployment(stored.deployment().name()), tested));
    }

    /** What the rules, as stored now, decide for one destination; shown under the deployment's test box. */
    private void test(Context ctx) {
        StoredDeployment stored = stored(ctx.pathParam("name"));
        String destination = Optional.ofNullable(ctx.formParam("destination")).orElse("");
        try {
            DestinationAnswer answer = DestinationTest.run(stored.deployment(), destination);
            detail(ctx, stored, Optional.of(new Tested(destination, Optional.of(answer), Optional.empty())),
                    HttpStatus.OK.getCode());
        } catch (DestinationTest.Refused e) {
            detail(ctx, stored, Optional.of(new Tested(destination, Optional.empty(), Optional.of(e.getMessage()))),
                    e.problem().status());
        }
    }

    private void confirmDelete(Context ctx) {
        AdminSession session = AdminSession.of(ctx);
        StoredDeployment stored = stored(ctx.pathParam("name"));
        String name = stored.deployment().name();
        String body = "<p id=\"delete-question\">Delete deployment <strong>" + Html.esc(name) + "</strong>? Its listener"
                + " stops and its open connections are closed.</p>\n"
                + (stored.managedByFile() ? "<p class=\"note\">It is managed by server.yaml and comes back at the"
                + " next start unless it is removed from the file too.</p>\n" : "")
                + "<form method=\"post\" action=\"/deployments/" + Html.esc(name) + "/delete\">" + Layout.csrf(session)
                + "<button type=\"submit\" id=\"confirm-delete\" class=\"danger\">Delete</button> "
                + "<a href=\"/deployments\" id=\"cancel\">Cancel</a></form>\n";
        ctx.html(Layout.page("Delete deployment " + name, "/deployments", session, body));
    }

    private StoredDeployment stored(String name) {
        return context.deployments().deployment(name)
                .orElseThrow(() -> StoreException.notFound("deployment '" + name + "'"));
    }

    private Map<String, NamedIpFilter> filters() {
        return context.deployments().ipFilters().stream().map(StoredIpFilter::filter)
                .collect(Collectors.toMap(NamedIpFilter::name, f -> f));
    }
}
