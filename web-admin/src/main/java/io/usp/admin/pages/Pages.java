package io.usp.admin.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import io.usp.admin.AdminContext;
import io.usp.admin.PageRoutes;
import io.usp.admin.auth.AdminSession;
import io.usp.deployments.store.StoredDeployment;
import java.util.Optional;

/**
 * The admin pages: server-rendered HTML, no script, styled by {@code /static/admin.css}. The core
 * puts every route here behind the login and checks the {@code csrf} field of every POST.
 *
 * <p>Stable element ids and names, for browser tests (NAME is a deployment, filter or client
 * name as is; REASON a refusal reason with anything but letters, digits, '_' and '-' made '-'):
 * <ul>
 * <li>layout: {@code nav-dashboard}, {@code nav-deployments}, {@code nav-ip-filters}, {@code nav-clients},
 *     {@code nav-connections}, {@code nav-history}, {@code nav-audit}, {@code nav-servers},
 *     {@code nav-admins}, {@code username},
 *     {@code logout}</li>
 * <li>forms: inputs are named after the YAML fields and their id is the name with '.' made '-'
 *     ({@code listener.port} → {@code #listener-port}); the error next to a field is
 *     {@code <p class="error" id="error-listener-port">}; an error of the whole form is {@code error-form};
 *     submit {@code save}, cancel link {@code cancel}; delete confirmation button {@code confirm-delete}.
 *     Deployment inputs: {@code name, listener.bind, listener.port, ipFilter.mode (none|named|inline),
 *     ipFilter.name, ipFilter.block, ipFilter.allow, ipFilter.defaultAction, limits.maxConnections,
 *     limits.maxConnectionsPerIp, limits.newConnectionsPerSecondPerIp, mode (tcp|connect|socks5), target.host,
 *     target.port, client, dnsOverrides, idleTimeout, startMode (auto|manual), enabled (checkbox, value true)}; per
 *     rule i (from 0) {@code rules[i].action, rules[i].client, rules[i].hosts, rules[i].cidrs, rules[i].ports}
 *     (id {@code rules-i--hosts}, error {@code error-rules-i--hosts}), in fieldset {@code rule-N} (N = i + 1)
 *     with buttons {@code rule-N-up}, {@code rule-N-down}, {@code rule-N-delete}; {@code add-rule};
 *     {@code no-rules}; {@code error-rules} for the rules as a whole. IP filter inputs:
 *     {@code name, block, allow, defaultAction}.</li>
 * <li>dashboard: {@code clients-connected}, {@code tunnel-connections}, {@code open-connections}, {@code accepted},
 *     {@code bytes-from-partners}, {@code bytes-to-partners}, {@code refused-REASON} (server-wide),
 *     {@code connected-NAME} (client row), {@code dashboard-deployment-NAME},
 *     {@code dashboard-NAME-refused-REASON}, {@code state-NAME}</li>
 * <li>deployments: {@code new-deployment}, table {@code deployments}, row {@code deployment-NAME},
 *     {@code state-NAME}, {@code bind-error-NAME}, {@code open-NAME}, {@code accepted-NAME},
 *     {@code deployment-NAME-refused-REASON}, {@code managed-NAME} (server.yaml badge), buttons
 *     {@code start-NAME}, {@code stop-NAME}, links {@code show-NAME}, {@code edit-NAME}, {@code delete-NAME},
 *     and for a collection {@code partners-NAME}; a collection's rules {@code deployment-NAME-rule-N} (N from 1)</li>
 * <li>one deployment ({@code /deployments/NAME}): {@code mode}, {@code target} (tcp), {@code default-client},
 *     table {@code rules} with rows {@code rule-N}, {@code no-rules}, table {@code dns-overrides}; test box input
 *     {@code destination}, button {@code test}, answer {@code test-result} (class allow or block) with
 *     {@code test-rule}, {@code test-action}, {@code test-client}, {@code test-destination},
 *     {@code test-required-cidrs}, {@code test-why}, or {@code error-test}</li>
 * <li>partners of a deployment: table {@code partners}, row {@code partner-USERNAME}, button
 *     {@code remove-USERNAME}, or {@code no-partners}; form {@code partner-form} (inputs {@code username,
 *     password}, button {@code save-partner}); {@code not-a-collection} on a {@code tcp} deployment</li>
 * <li>IP filters: {@code new-ip-filter}, section {@code filter-NAME}, {@code used-by-NAME},
 *     {@code edit-filter-NAME}, {@code delete-filter-NAME}, test box input {@code test-address-NAME}
 *     (name {@code address}), button {@code test-NAME}, answer {@code test-result-NAME} (class allow or block)
 *     or {@code error-test-NAME}</li>
 * <li>clients: row {@code client-NAME}, cells {@code connected-NAME}, {@code enrollment-NAME}, button
 *     {@code revoke-NAME}; add form {@code add-client-form} with input {@code name}, button {@code add-client},
 *     error {@code error-name}; after adding: {@code new-client}, {@code enrollment-token}, {@code token-expires}</li>
 * <li>connections: row {@code connection-ID}, button {@code close-ID}</li>
 * <li>history: select {@code history-deployment} (name {@code deployment}), button {@code show-history},
 *     row {@code history-ID}</li>
 * <li>audit: row {@code audit-ID}, JSON {@code audit-ID-before}, {@code audit-ID-after}</li>
 * <li>servers: table {@code servers}, row {@code server-NAME}, cell {@code state-NAME} ({@code live} or
 *     {@code gone})</li>
 * <li>admins ({@link AccountPages}, registered by the core): table {@code admins}, row {@code admin-NAME},
 *     button {@code remove-NAME}; add form {@code add-admin-form} (inputs {@code username, password}, button
 *     {@code add-admin}); form {@code password-form} (inputs {@code currentPassword, newPassword}, button
 *     {@code change-password}); table {@code api-tokens}, row {@code token-ID}, button {@code withdraw-ID},
 *     or {@code no-tokens}; the login page's {@code notice} after a password change</li>
 * </ul>
 */
public final class Pages implements PageRoutes {

    @Override
    public void register(RoutesConfig routes, AdminContext context) {
        routes.get("/", ctx -> ctx.redirect("/dashboard"));
        routes.get("/dashboard", ctx -> ctx.html(DashboardPage.render(AdminSession.of(ctx), context)));
        new DeploymentPages(context).register(routes);
        new PartnerPages(context).register(routes);
        new IpFilterPages(context).register(routes);
        new ClientPages(context).register(routes);
        routes.get("/connections", ctx -> ctx.html(ConnectionsPage.render(AdminSession.of(ctx),
                context.server().connections(), context.clock().instant())));
        routes.post("/connections/{id}/close", ctx -> {
            long id = ctx.pathParamAsClass("id", Long.class).get();
            context.actions().closeConnection(id, AdminSession.of(ctx).username());
            ctx.redirect("/connections", HttpStatus.SEE_OTHER);
        });
        routes.get("/history", ctx -> {
            Optional<String> deployment = Optional.ofNullable(ctx.queryParam("deployment")).filter(d -> !d.isBlank());
            ctx.html(HistoryPage.render(AdminSession.of(ctx), context.history().recent(HistoryPage.LIMIT, deployment),
                    deployment, context.deployments().deployments().stream()
                            .map(StoredDeployment::deployment).map(d -> d.name()).toList()));
        });
        routes.get("/audit", ctx -> ctx.html(AuditPage.render(AdminSession.of(ctx),
                context.audit().recent(AuditPage.LIMIT))));
        routes.get("/servers", ctx -> ctx.html(ServersPage.render(AdminSession.of(ctx), context.server().servers())));
    }
}
