package io.usp.server.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * The internal FTP server of the session break tests: Apache FtpServer embedded on 127.0.0.1,
 * one user with a home folder, passive data ports in a fixed range below the ephemeral ports;
 * plain FTP, or FTPS that takes nothing in clear.
 */
final class InsideFtp implements AutoCloseable {

    static final String USER = "alice";
    static final String PASSWORD = "inside-secret";

    private final FtpServer server;
    private final int port;
    private final Path home;

    private InsideFtp(FtpServer server, int port, Path home) {
        this.server = server;
        this.port = port;
        this.home = home;
    }

    static InsideFtp start(Path home, String passivePorts) throws Exception {
        return start(home, passivePorts, null, false);
    }

    /**
     * An FTPS server with the PKCS#12 key store {@code keyStore} (password {@link #PASSWORD}),
     * explicit or implicit, that refuses a login before TLS and a transfer without {@code PROT P}:
     * what passes through it was protected.
     */
    static InsideFtp startFtps(Path home, Path keyStore, String passivePorts, boolean implicit) throws Exception {
        return start(home, passivePorts, keyStore, implicit);
    }

    private static InsideFtp start(Path home, String passivePorts, Path keyStore, boolean implicit) throws Exception {
        Files.createDirectories(home);
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setPassivePorts(passivePorts);
        data.setPassiveAddress("127.0.0.1");
        if (keyStore != null) {
            SslConfigurationFactory ssl = new SslConfigurationFactory();
            ssl.setKeystoreFile(keyStore.toFile());
            ssl.setKeystoreType("PKCS12");
            ssl.setKeystorePassword(PASSWORD);
            listener.setSslConfiguration(ssl.createSslConfiguration());
            listener.setImplicitSsl(implicit);
            data.setSslConfiguration(ssl.createSslConfiguration());
            factory.setFtplets(new java.util.HashMap<>(Map.of("tls-only", new TlsOnly())));
        }
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        factory.addListener("default", listener.createListener());
        factory.setUserManager(new PropertiesUserManagerFactory().createUserManager());
        BaseUser user = new BaseUser();
        user.setName(USER);
        user.setPassword(PASSWORD);
        user.setHomeDirectory(home.toString());
        user.setAuthorities(List.of(new WritePermission()));
        factory.getUserManager().save(user);
        FtpServer server = factory.createServer();
        server.start();
        int port = factory.getListener("default").getPort();
        return new InsideFtp(server, port, home);
    }

    /** Refuses {@code USER} and {@code PASS} before TLS and a transfer over an unprotected data connection. */
    private static final class TlsOnly extends DefaultFtplet {
        private static final Set<String> TRANSFERS = Set.of("RETR", "STOR", "STOU", "APPE", "LIST", "NLST", "MLSD");

        @Override
        public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
            String command = request.getCommand().toUpperCase(Locale.ROOT);
            if ((command.equals("USER") || command.equals("PASS")) && !session.isSecure()) {
                session.write(new DefaultFtpReply(530, "This server takes logins over TLS only"));
                return FtpletResult.SKIP;
            }
            if (TRANSFERS.contains(command) && !session.getDataConnection().isSecure()) {
                session.write(new DefaultFtpReply(521, "Data connections must be protected (PROT P)"));
                return FtpletResult.SKIP;
            }
            return super.beforeCommand(session, request);
        }
    }

    int port() {
        return port;
    }

    Path home() {
        return home;
    }

    @Override
    public void close() {
        server.stop();
    }
}
