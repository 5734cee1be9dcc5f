package io.usp.server.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * The internal FTP server of the session break tests: Apache FtpServer embedded on 127.0.0.1,
 * one user with a home folder, passive data ports in a fixed range below the ephemeral ports.
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
        Files.createDirectories(home);
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setPassivePorts(passivePorts);
        data.setPassiveAddress("127.0.0.1");
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
