package io.usp.server.e2e;

import io.usp.deployments.testing.DebianPackages;
import io.usp.protocol.pki.ServerIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Debian's vsftpd on 127.0.0.1 as an FTPS-only internal server, the way it is usually run:
 * anonymous users may write below {@code incoming/}, logins and data need TLS, and every data
 * connection must reuse the control connection's TLS session ({@code require_ssl_reuse}).
 */
final class Vsftpd implements AutoCloseable {

    static final DebianPackages.Program VSFTPD = new DebianPackages.Program(Path.of("/usr/sbin/vsftpd"), "vsftpd");

    private final Process process;
    private final int port;
    private final Path root;

    private Vsftpd(Process process, int port, Path root) {
        this.process = process;
        this.port = port;
        this.root = root;
    }

    static Vsftpd start(Path dir, ServerIdentity identity, int passiveFrom, int passiveTo) throws Exception {
        DebianPackages.require(VSFTPD);
        Path root = dir.resolve("root");
        Path empty = dir.resolve("empty");
        for (Path p : List.of(dir, root, empty)) {
            Files.createDirectories(p);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path incoming = Files.createDirectories(root.resolve("incoming"));
        Files.setPosixFilePermissions(incoming, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path chain = dir.resolve("server-chain.pem");
        Files.writeString(chain, Files.readString(identity.certFile()) + Files.readString(identity.caFile()));
        int port = LoopbackPorts.free();
        Path config = dir.resolve("vsftpd.conf");
        Files.writeString(config, String.join("\n",
                "listen=YES", "listen_ipv6=NO", "listen_address=127.0.0.1", "listen_port=" + port, "background=NO",
                "anonymous_enable=YES", "local_enable=NO", "no_anon_password=YES", "anon_root=" + root,
                "write_enable=YES", "anon_upload_enable=YES", "anon_mkdir_write_enable=YES", "anon_umask=022",
                "pasv_enable=YES", "pasv_address=127.0.0.1", "pasv_min_port=" + passiveFrom,
                "pasv_max_port=" + passiveTo, "connect_from_port_20=NO",
                "ssl_enable=YES", "allow_anon_ssl=YES", "force_anon_logins_ssl=YES", "force_anon_data_ssl=YES",
                "require_ssl_reuse=YES", "ssl_ciphers=HIGH", "rsa_cert_file=" + chain,
                "rsa_private_key_file=" + identity.keyFile(),
                "seccomp_sandbox=NO", "secure_chroot_dir=" + empty, "xferlog_enable=NO",
                "vsftpd_log_file=" + dir.resolve("vsftpd.log"), "log_ftp_protocol=YES", "dual_log_enable=YES",
                ""));
        Process process = new ProcessBuilder(VSFTPD.path().toString(), config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("vsftpd.out").toFile())
                .start();
        Vsftpd vsftpd = new Vsftpd(process, port, root);
        Await.until(() -> !process.isAlive() || LoopbackPorts.accepts(port), "vsftpd accepts on 127.0.0.1:" + port);
        if (!process.isAlive()) {
            throw new IllegalStateException("vsftpd did not start: " + Files.readString(dir.resolve("vsftpd.out")));
        }
        return vsftpd;
    }

    int port() {
        return port;
    }

    /** The anonymous root; {@code incoming/} below it takes uploads. */
    Path root() {
        return root;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
