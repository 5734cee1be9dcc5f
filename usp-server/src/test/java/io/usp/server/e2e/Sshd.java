package io.usp.server.e2e;

import io.usp.deployments.testing.DebianPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real OpenSSH server on 127.0.0.1, its own host key, one user key authorized (the user
 * running the tests), started from Debian's openssh-server and stopped on close.
 */
final class Sshd implements AutoCloseable {

    static final DebianPackages.Program SSHD = new DebianPackages.Program(Path.of("/usr/sbin/sshd"), "openssh-server");
    static final DebianPackages.Program SSH = new DebianPackages.Program(Path.of("/usr/bin/ssh"), "openssh-client");
    static final DebianPackages.Program NC = new DebianPackages.Program(Path.of("/bin/nc.openbsd"), "netcat-openbsd");

    private final Process process;
    private final int port;
    private final Path userKey;

    private Sshd(Process process, int port, Path userKey) {
        this.process = process;
        this.port = port;
        this.userKey = userKey;
    }

    static Sshd start(Path dir) throws Exception {
        DebianPackages.require(SSHD, SSH, NC);
        Files.createDirectories(dir);
        Path hostKey = dir.resolve("host_ed25519");
        Path userKey = dir.resolve("user_ed25519");
        keygen(dir, hostKey);
        keygen(dir, userKey);
        Files.copy(dir.resolve("user_ed25519.pub"), dir.resolve("authorized_keys"));
        Files.createDirectories(Path.of("/run/sshd")); // the privilege separation directory sshd insists on
        int port = LoopbackPorts.free();
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "ListenAddress 127.0.0.1",
                "Port " + port,
                "HostKey " + hostKey,
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                "PidFile " + dir.resolve("sshd.pid"),
                ""));
        Process process = new ProcessBuilder(SSHD.path().toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
        Sshd sshd = new Sshd(process, port, userKey);
        Await.until(() -> process.isAlive() && LoopbackPorts.accepts(port), "sshd accepts on 127.0.0.1:" + port
                + " (log: " + dir.resolve("sshd.log") + ")");
        return sshd;
    }

    int port() {
        return port;
    }

    /** An ssh command line to {@code host} (resolved by the proxy), through {@code proxyCommand}. */
    List<String> ssh(String host, String proxyCommand, String remoteCommand) {
        return List.of(SSH.path().toString(), "-F", "/dev/null", "-i", userKey.toString(),
                "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "ProxyCommand=" + proxyCommand, "-p", Integer.toString(port),
                System.getProperty("user.name") + "@" + host, remoteCommand);
    }

    private static void keygen(Path dir, Path key) throws Exception {
        Processes.Run run = Processes.run(dir, null, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                "-f", key.toString()));
        if (run.exit() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + run.err());
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
