package io.usp.admin.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.usp.admin.Html;
import io.usp.admin.AdminContext;
import io.usp.admin.auth.AdminSession;
import io.usp.admin.pages.IpFilterListPage.TestResult;
import io.usp.deployments.Cidr;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.store.StoreException;
import io.usp.deployments.store.StoredIpFilter;
import java.util.List;
import java.util.Optional;

/** The named IP filter pages: list with test boxes, create, edit, delete. */
final class IpFilterPages {

    private final AdminContext context;

    IpFilterPages(AdminContext context) {
        this.context = context;
    }

    void register(RoutesConfig routes) {
        routes.get("/ip-filters", ctx -> list(ctx, Optional.empty(), HttpStatus.OK));
        routes.post("/ip-filters/{name}/test", this::test);
        routes.get("/ip-filters/new", ctx -> form(ctx, IpFilterForm.blank(), null, HttpStatus.OK));
        routes.post("/ip-filters", ctx -> save(ctx, null));
        routes.get("/ip-filters/{name}/edit", ctx -> {
            StoredIpFilter stored = stored(ctx.pathParam("name"));
            form(ctx, IpFilterForm.of(stored.filter()), stored.filter().name(), HttpStatus.OK);
        });
        routes.post("/ip-filters/{name}/edit", ctx -> save(ctx, stored(ctx.pathParam("name")).filter().name()));
        routes.get("/ip-filters/{name}/delete", ctx -> confirmDelete(ctx, stored(ctx.pathParam("name")), null));
        routes.post("/ip-filters/{name}/delete", this::delete);
    }

    private void list(Context ctx, Optional<TestResult> test, HttpStatus status) {
        ctx.status(status).html(IpFilterListPage.render(AdminSession.of(ctx), context.deployments().ipFilters(), test));
    }

    /** What the filter would do with one address, shown under that filter. */
    private void test(Context ctx) {
        String name = stored(ctx.pathParam("name")).filter().name();
        String address = Optional.ofNullable(ctx.formParam("address")).orElse("").strip();
        Cidr parsed;
        try {
            if (address.contains("/")) {
                throw new IllegalArgumentException("'" + address + "' is a network; give one address");
            }
            parsed = Cidr.parse(address);
        } catch (IllegalArgumentException e) {
            list(ctx, Optional.of(new TestResult(name, address, Optional.empty(), Optional.of(e.getMessage()))),
                    HttpStatus.BAD_REQUEST);
            return;
        }
        var decision = stored(name).filter().filter().decide(parsed.network());
        list(ctx, Optional.of(new TestResult(name, address, Optional.of(decision), Optional.empty())), HttpStatus.OK);
    }

    /** @param editing the filter being changed, or null for a new one */
    private void save(Context ctx, String editing) {
        FormFields form = IpFilterForm.submitted(ctx);
        Optional<NamedIpFilter> filter = IpFilterForm.parse(form);
        if (filter.isEmpty()) {
            form(ctx, form, editing, HttpStatus.BAD_REQUEST);
            return;
        }
        String actor = AdminSession.of(ctx).username();
        try {
            if (editing == null) {
                context.actions().createIpFilter(filter.get(), actor);
            } else {
                context.actions().updateIpFilter(editing, filter.get(), actor);
            }
        } catch (StoreException e) {
            if (e.kind() == StoreException.Kind.NOT_FOUND) {
                throw e;
            }
            IpFilterForm.addError(form, e);
            form(ctx, form, editing,
                    e.kind() == StoreException.Kind.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
            return;
        }
        ctx.redirect("/ip-filters", HttpStatus.SEE_OTHER);
    }

    private void delete(Context ctx) {
        StoredIpFilter stored = stored(ctx.pathParam("name"));
        try {
            context.actions().deleteIpFilter(stored.filter().name(), AdminSession.of(ctx).username());
        } catch (StoreException e) {
            if (e.kind() != StoreException.Kind.CONFLICT) {
                throw e;
            }
            // still used by a deployment: say so on the confirmation page
            ctx.status(HttpStatus.CONFLICT);
            confirmDelete(ctx, stored, e.getMessage());
            return;
        }
        ctx.redirect("/ip-filters", HttpStatus.SEE_OTHER);
    }

    private void confirmDelete(Context ctx, StoredIpFilter stored, String error) {
        AdminSession session = AdminSession.of(ctx);
        String name = Html.esc(stored.filter().name());
        String body = (error == null ? "" : "<p class=\"error\" id=\"error-form\" role=\"alert\">" + Html.esc(error)
                + "</p>\n")
                + "<p id=\"delete-question\">Delete IP filter <strong>" + name + "</strong>?"
                + (stored.usedBy().isEmpty() ? "" : " It is used by " + Html.esc(String.join(", ", stored.usedBy()))
                + "; change those deployments first.") + "</p>\n"
                + "<form method=\"post\" action=\"/ip-filters/" + name + "/delete\">" + Layout.csrf(session)
                + "<button type=\"submit\" id=\"confirm-delete\" class=\"danger\">Delete</button> "
                + "<a href=\"/ip-filters\" id=\"cancel\">Cancel</a></form>\n";
        ctx.html(Layout.page("Delete IP filter " + stored.filter().name(), "/ip-filters", session, body));
    }

    private void form(Context ctx, FormFields form, String editing, HttpStatus status) {
        AdminSession session = AdminSession.of(ctx);
        String action = editing == null ? "/ip-filters" : "/ip-filters/" + editing + "/edit";
        String body = form.formErrors()
                + "<form method=\"post\" action=\"" + Html.esc(action) + "\" id=\"ip-filter-form\" novalidate>\n"
                + Layout.csrf(session) + "\n"
                + form.text("Name", "name", editing == null ? "required" : "readonly", "letters, digits, '.', '_', '-'")
                + form.textarea("Block", "block", "one address or CIDR per line; checked first")
                + form.textarea("Allow", "allow", "one address or CIDR per line")
                + form.select("Default action", "defaultAction",
                        List.of(new String[] {"block", "block"}, new String[] {"allow", "allow"}),
                        "for addresses no rule matches")
                + "<p class=\"actions\"><button type=\"submit\" id=\"save\">Save</button> "
                + "<a href=\"/ip-filters\" id=\"cancel\">Cancel</a></p>\n</form>\n";
        String title = editing == null ? "New IP filter" : "Edit IP filter " + editing;
        ctx.status(status).html(Layout.page(title, "/ip-filters", session, body));
    }

    private StoredIpFilter stored(String name) {
        return context.deployments().ipFilter(name)
                .orElseThrow(() -> StoreException.notFound("ip filter '" + name + "'"));
    }
}
