package io.usp.server.admin;

import io.usp.admin.AdminContext;
import io.usp.admin.AdminServer;
import io.usp.admin.AdminSettings;
import io.usp.admin.auth.FirstAdmin;
import io.usp.admin.pages.Pages;
import io.usp.admin.tls.TlsFiles;
import io.usp.deployments.store.Database;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.ServerIdentity;
import io.usp.server.UspServer;
import io.usp.server.config.AdminConfig;
import io.usp.server.ports.BindErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the admin server on a running server: the admin app sees the store and, through
 * {@link ServerView}, the live state. With {@code admin.https} it serves the server's own
 * certificate (the one clients verify, for the names in {@code tunnel.names}).
 */
public final class AdminWiring implements AutoCloseable {

    private final AdminServer admin;
    private final String url;

    private AdminWiring(AdminServer admin, String url) {
        this.admin = admin;
        this.url = url;
    }

    /** Creates the first admin user when there is none (its password goes to {@code out}), then starts. */
    public static AdminWiring start(UspServer server, Map<String, String> env, PrintWriter out) {
        Database db = server.database();
        FirstAdmin.ensure(db.admins(), server.clock(), env, out);
        AdminContext context = new AdminContext(db.deployments(), db.admins(), db.audit(), db.history(),
                db.clients(), db.partners(), new ServerView(server), server.clock(), server.metricsRegistry());
        AdminConfig config = server.config().admin();
        AdminSettings settings = new AdminSettings(config.bind(), config.port(),
                config.https() ? Optional.of(tlsFiles(server)) : Optional.empty(), config.maxConnectionsPerIp(),
                config.requestTimeout());
        AdminServer admin;
        try {
            admin = AdminServer.start(settings, context, List.of(new Pages()));
        } catch (RuntimeException e) {
            if (BindErrors.isBindFailure(e)) {
                throw server.config().adminPort().orElseThrow().cannotBind(e);
            }
            throw e;
        }
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        return new AdminWiring(admin, settings.scheme() + "://" + host + ":" + admin.port() + "/");
    }

    private static TlsFiles tlsFiles(UspServer server) {
        try {
            CertificateAuthority ca = CertificateAuthority.loadOrCreate(server.config().dataDir());
            ServerIdentity identity = ca.serverIdentity(server.config().tunnel().names());
            return new TlsFiles(identity.certFile(), identity.keyFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server certificate for admin.https", e);
        }
    }

    public int port() {
        return admin.port();
    }

    /** E.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        admin.close();
    }
}
