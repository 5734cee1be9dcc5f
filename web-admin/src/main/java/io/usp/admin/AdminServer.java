package io.usp.admin;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.usp.admin.api.ApiRoutes;
import io.usp.admin.auth.AccessGuard;
import io.usp.admin.auth.AdminAccounts;
import io.usp.admin.auth.ApiTokens;
import io.usp.admin.auth.Authenticator;
import io.usp.admin.auth.LoginRoutes;
import io.usp.admin.auth.PasswordHasher;
import io.usp.admin.auth.SecurityHeaders;
import io.usp.admin.auth.SessionStore;
import io.usp.admin.limits.ConnectionsPerAddress;
import io.usp.admin.limits.RefusalLog;
import io.usp.admin.limits.RequestDeadline;
import io.usp.admin.ops.OpsRoutes;
import io.usp.admin.pages.AccountPages;
import io.usp.admin.tls.HttpsConnector;
import java.util.List;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin web server: login, pages, the REST API, health and metrics. Every response carries
 * the {@link SecurityHeaders}; every request passes the {@link AccessGuard}, which denies by default.
 * One address may hold only so many connections, and a request must arrive within a bound, so a
 * slow or greedy client cannot take the threads that {@code /health} and other admins need.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    /** Where the pages' static assets live on the class path, served at {@code /static/}. */
    static final String ASSETS = "/public";

    private final Javalin app;

    private AdminServer(Javalin app) {
        this.app = app;
    }

    /** Binds and serves until {@link #close()}; {@code pages} add the admin pages behind the login. */
    public static AdminServer start(AdminSettings settings, AdminContext context, List<PageRoutes> pages) {
        SessionStore sessions = new SessionStore(context.admins(), context.clock());
        ApiTokens tokens = new ApiTokens(context.admins(), context.clock());
        PasswordHasher hasher = new PasswordHasher();
        Authenticator authenticator = new Authenticator(context.admins(), context.audit(), context.clock(), hasher);
        AdminAccounts accounts = new AdminAccounts(context.admins(), context.audit(), context.clock(), hasher,
                authenticator, sessions);
        boolean https = settings.https().isPresent();
        RefusalLog refusals = new RefusalLog(context.clock());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.addConnector((server, http) -> connector(server, http, settings, refusals));
            config.jetty.modifyServer(server -> server.setHandler(
                    new RequestDeadline(settings.requestTimeout(), refusals)));
            // Javalin refuses a static folder that is missing; the pages ship it, tests may run without
            if (AdminServer.class.getResource(ASSETS) != null) {
                config.staticFiles.add(files -> {
                    files.hostedPath = "/static";
                    files.directory = ASSETS;
                    files.location = Location.CLASSPATH;
                });
            }
            // headers first: every answer carries them, the guard's redirects and 401s included
            config.routes.before(new SecurityHeaders());
            config.routes.before(new AccessGuard(sessions, tokens));
            // a client that went away mid-request (EOF or reset) is no fault here: Javalin warns with a trace
            config.routes.exception(EofException.class, (e, ctx) -> LOG.debug("{} {} from {} aborted by the client: {}",
                    ctx.method(), ctx.path(), ctx.ip(), e.toString()));
            OpsRoutes.register(config.routes, context);
            new LoginRoutes(authenticator, sessions, https).register(config.routes);
            ApiRoutes.register(config.routes, context, authenticator, tokens, accounts);
            new AccountPages(accounts).register(config.routes);
            pages.forEach(page -> page.register(config.routes, context));
        });
        app.start();
        LOG.info("admin server listening on {}://{}:{}", settings.scheme(), settings.bind(), app.port());
        return new AdminServer(app);
    }

    /** The one connector, plain or TLS, with the per-address cap; Javalin adds none of its own then. */
    private static ServerConnector connector(Server server, HttpConfiguration http, AdminSettings settings,
                                             RefusalLog refusals) {
        ServerConnector connector = settings.https()
                .map(files -> HttpsConnector.create(server, http, files))
                .orElseGet(() -> new ServerConnector(server, new HttpConnectionFactory(http)));
        connector.setHost(settings.bind());
        connector.setPort(settings.port());
        connector.addBean(new ConnectionsPerAddress(settings.maxConnectionsPerIp(), refusals));
        return connector;
    }

    public int port() {
        return app.port();
    }

    /** Every HTTP route as registered (not the before/after handlers), so a test can walk them all. */
    public List<Endpoint> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(e -> e.method.isHttpMethod())
                .toList();
    }

    @Override
    public void close() {
        app.stop();
    }
}
