package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.protocol.pki.CertificateAuthority;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
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

    @Test
    void aPartnerThatAbandonsADownloadGoesOnTransferring() throws Exception {
        byte[] big = Partner.random(8 << 20, 7);
        byte[] small = Partner.random(70_000, 8);
        Files.write(Files.createDirectories(vsftpd.root().resolve("incoming/out")).resolve("big.bin"), big);
        Files.write(vsftpd.root().resolve("incoming/out/small.bin"), small);
        FTPClient ftp = new FTPClient();
        ftp.setDefaultTimeout(20_000);
        ftp.connect("127.0.0.1", world.port("to-vsftpd"));
        assertThat(ftp.login("anonymous", "partner@example.com")).as(ftp.getReplyString()).isTrue();
        assertThat(ftp.setFileType(FTP.BINARY_FILE_TYPE)).isTrue();
        ftp.enterLocalPassiveMode();
        for (int round = 0; round < 3; round++) {
            try (InputStream in = ftp.retrieveFileStream("incoming/out/big.bin")) {
                assertThat(in).as(ftp.getReplyString()).isNotNull();
                assertThat(in.readNBytes(100_000)).hasSize(100_000);
            }
            ftp.completePendingCommand(); // the transfer was cut short: whatever the target says, the session goes on
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertThat(ftp.retrieveFile("incoming/out/small.bin", back)).as("after abandoning round %d: %s", round,
                    ftp.getReplyString()).isTrue();
            assertThat(back.toByteArray()).isEqualTo(small);
        }
        ftp.logout();
        ftp.disconnect();
        // each cut-short download ends on its own and is in the audit log, however far the target got
        Await.until(() -> log.count("transfer deployment=to-vsftpd ", "RETR incoming/out/big.bin") == 3,
                "the three abandoned downloads in the audit log");
    }
}
