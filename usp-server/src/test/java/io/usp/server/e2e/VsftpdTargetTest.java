package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.protocol.pki.CertificateAuthority;
import java.util.List;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session break toward Debian's vsftpd as it usually runs: FTPS required for logins and
 * data, and each data connection must reuse the control connection's TLS session, which the
 * session offers because every connection of it names the same target.
 */
class VsftpdTargetTest extends WithConnectionLog {

    private Vsftpd vsftpd;

    @BeforeEach
    void startVsftpdAndServer() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("inside-pki"));
        vsftpd = Vsftpd.start(dir.resolve("vsftpd"), ca.serverIdentity(List.of("127.0.0.1")), 20560, 20579);
        world.startServer(List.of(World.fromJson("""
                {"name": "to-vsftpd", "mode": "ftp", "listener": {"bind": "127.0.0.1", "port": 0},
                 "target": {"host": "127.0.0.1", "port": %d, "tls": "explicit", "ca": "%s"}, "client": "agent-a",
                 "ftp": {"passivePorts": "20460-20479"}}""".formatted(vsftpd.port(), ca.caFile()))));
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);
    }

    @AfterEach
    void stopVsftpd() throws Exception {
        vsftpd.close();
    }

    @Test
    void aPlainPartnerMirrorsATreeThroughTheTunnelToVsftpdRequiringTlsSessionReuse() throws Exception {
        FTPClient ftp = new FTPClient();
        ftp.setDefaultTimeout(20_000);
        ftp.setDataTimeout(java.time.Duration.ofSeconds(20));
        ftp.connect("127.0.0.1", world.port("to-vsftpd"));
        assertThat(ftp.login("anonymous", "partner@example.com")).as(ftp.getReplyString()).isTrue();
        assertThat(ftp.setFileType(FTP.BINARY_FILE_TYPE)).isTrue();
        ftp.enterLocalPassiveMode();
        FtpTree.mirror(ftp, vsftpd.root(), "incoming/pasv");
        ftp.enterLocalActiveMode();
        FtpTree.mirror(ftp, vsftpd.root(), "incoming/port");
        ftp.logout();
        ftp.disconnect();
        Await.until(() -> log.count("transfer deployment=to-vsftpd ", "user=anonymous STOR incoming/", "-> 226") == 40,
                "every upload in the audit log");
    }
}
