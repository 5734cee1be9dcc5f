package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp.deployments.testing.DebianPackages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.security.DigestOutputStream;
import java.util.HexFormat;
import io.usp.client.UspClient;
import io.usp.deployments.store.ConnectionHistory.ConnectionRecord;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FTP through a session break, spoken by Commons Net's {@code FTPClient} to an Apache FtpServer
 * inside: trees up and down SHA-exact in passive and active mode, through the tunnel and direct,
 * and the session's defences (bounce, port theft, read-only, an exhausted passive range).
 */
class FtpSessionBreakTest extends WithConnectionLog {

    private static final DebianPackages.Program LFTP = new DebianPackages.Program(Path.of("/usr/bin/lftp"), "lftp");

    private InsideFtp inside;
    private UspClient agent;

    private SelfSignedCertificate certificate;

    @BeforeEach
    void startInsideAndServer() throws Exception {
        inside = InsideFtp.start(dir.resolve("inside"), "20100-20149");
        certificate = new SelfSignedCertificate("localhost");
        String tls = ", \"certificate\": {\"cert\": \"" + certificate.certificate() + "\", \"key\": \""
                + certificate.privateKey() + "\"}";
        world.startServer(List.of(
                ftp("ftp-tunnel", Optional.of("agent-a"), "20200-20219", ""),
                ftp("ftp-direct", Optional.empty(), "20220-20239", ""),
                ftp("ftp-ro", Optional.empty(), "20240-20249", ", \"readOnly\": true"),
                ftp("ftp-one", Optional.empty(), "20250-20250", ""),
                ftp("ftps", Optional.of("agent-a"), "20260-20269", ", \"tls\": \"explicit\"" + tls),
                ftp("ftps-implicit", Optional.empty(), "20270-20279", ", \"tls\": \"implicit\"" + tls),
                World.fromJson(ftpJson("ftp-v6", Optional.of("agent-a"), "20280-20289", "").replace("\"bind\": \"127.0.0.1\"",
                        "\"bind\": \"::1\""))));
        agent = world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);
    }

    @AfterEach
    void stopInside() {
        inside.close();
        certificate.delete();
    }

    private io.usp.deployments.Deployment ftp(String name, Optional<String> client, String passive, String more)
            throws Exception {
        return World.fromJson(ftpJson(name, client, passive, more));
    }

    /** Listening on 127.0.0.1 (any free port), the inside server as target. */
    private String ftpJson(String name, Optional<String> client, String passive, String more) {
        return """
                {"name": "%s", "mode": "ftp", "listener": {"bind": "127.0.0.1", "port": 0},
                 "target": {"host": "127.0.0.1", "port": %d}%s,
                 "ftp": {"passivePorts": "%s"%s}}""".formatted(name, inside.port(),
                client.map(c -> ", \"client\": \"" + c + "\"").orElse(""), passive, more);
    }

    private FTPClient login(String deployment) throws Exception {
        FTPClient ftp = new FTPClient();
        ftp.setDefaultTimeout(20_000);
        ftp.setDataTimeout(java.time.Duration.ofSeconds(20));
        ftp.connect("127.0.0.1", world.port(deployment));
        assertThat(ftp.getReplyCode()).as(ftp.getReplyString()).isEqualTo(220);
        assertThat(ftp.login(InsideFtp.USER, InsideFtp.PASSWORD)).as(ftp.getReplyString()).isTrue();
        assertThat(ftp.setFileType(FTP.BINARY_FILE_TYPE)).isTrue();
        return ftp;
    }

    private void mirrorUpAndDown(String deployment, boolean passive) throws Exception {
        FTPClient ftp = login(deployment);
        if (passive) {
            ftp.enterLocalPassiveMode();
        } else {
            ftp.enterLocalActiveMode();
        }
        String root = deployment + (passive ? "-pasv" : "-port");
        FtpTree.mirror(ftp, inside.home(), root);
        assertThat(ftp.logout()).as(ftp.getReplyString()).isTrue();
        ftp.disconnect();
        Await.until(() -> log.any("closed deployment=" + deployment + " ", "reason=\"the partner quit\""),
                "the session of " + deployment + " ended by QUIT");
        assertThat(log.any("ftp-refused deployment=" + deployment + " ", "inside control"))
                .as("the target closing after its 221 is no refusal").isFalse();
        Await.until(() -> log.count("transfer deployment=" + deployment + " ", "user=alice STOR " + root) == 20
                        && log.count("transfer deployment=" + deployment + " ", "user=alice RETR " + root) == 20,
                "every file's transfer in the audit log of " + deployment);
    }

    @Test
    void aTreeGoesUpAndDownExactlyInPassiveModeThroughTheTunnel() throws Exception {
        mirrorUpAndDown("ftp-tunnel", true);
        assertThat(log.any("transfer deployment=ftp-tunnel ", "via=agent-a", "RETR ftp-tunnel-pasv/b/f19.bin",
                "bytesDown=" + FtpTree.content("b/f19.bin").length)).isTrue();
        world.server().history().flush();
        List<ConnectionRecord> rows = world.server().database().history().recent(100, Optional.of("ftp-tunnel"));
        assertThat(rows).as("every transfer kept in the history (20 STOR, 20 RETR, 1 LIST), with user, command, path")
                .filteredOn(r -> r.outcome().equals("transfer")).hasSize(41)
                .anySatisfy(r -> {
                    assertThat(r.detail().orElse("")).contains("user=alice STOR ftp-tunnel-pasv/b/f19.bin -> 226");
                    assertThat(r.bytesUp()).isEqualTo(FtpTree.content("b/f19.bin").length);
                    assertThat(r.via()).contains("agent-a");
                    assertThat(r.partner()).startsWith("127.0.0.1:");
                });
    }

    @Test
    void aTreeGoesUpAndDownExactlyInActiveModeDirect() throws Exception {
        mirrorUpAndDown("ftp-direct", false);
    }

    @Test
    void aTreeGoesUpAndDownInActiveModeThroughTheTunnelAndPassiveDirect() throws Exception {
        mirrorUpAndDown("ftp-tunnel", false);
        mirrorUpAndDown("ftp-direct", true);
    }

    @Test
    void anIpv6PartnerUsesEpsvAndEprt() throws Exception {
        Files.write(inside.home().resolve("v6.bin"), FtpTree.content("v6"));
        FTPClient ftp = new FTPClient();
        ftp.setDefaultTimeout(20_000);
        ftp.connect("::1", world.port("ftp-v6"));
        assertThat(ftp.login(InsideFtp.USER, InsideFtp.PASSWORD)).as(ftp.getReplyString()).isTrue();
        assertThat(ftp.setFileType(FTP.BINARY_FILE_TYPE)).isTrue();
        for (boolean passive : new boolean[] {true, false}) {
            if (passive) {
                ftp.enterLocalPassiveMode(); // over IPv6 Commons Net sends EPSV
            } else {
                ftp.enterLocalActiveMode(); // and EPRT |2|::1|port|
            }
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertThat(ftp.retrieveFile("v6.bin", back)).as(ftp.getReplyString()).isTrue();
            assertThat(back.toByteArray()).isEqualTo(FtpTree.content("v6"));
        }
        assertThat(ftp.sendCommand("PASV")).as("PASV cannot name an IPv6 address").isEqualTo(522);
        ftp.disconnect();
        Await.until(() -> log.count("transfer deployment=ftp-v6 ", "RETR v6.bin") == 2, "both transfers logged");
    }

    @Test
    void closingASessionFromTheServerTellsThePartner() throws Exception {
        Files.write(inside.home().resolve("c.bin"), FtpTree.content("c9"));
        FTPClient ftp = login("ftp-direct");
        ftp.enterLocalPassiveMode();
        assertThat(ftp.retrieveFile("c.bin", OutputStream.nullOutputStream())).as(ftp.getReplyString()).isTrue();
        Await.until(() -> world.server().connections().all().size() == 1
                && world.server().connections().all().get(0).bytesToPartner() == FtpTree.content("c9").length,
                "the session is listed with the bytes of its transfer");
        long id = world.server().connections().all().get(0).id();
        assertThat(world.server().connections().close(id, "closed by admin alice")).isTrue();
        assertThatThrownBy(ftp::getReply).as("Commons Net ends the session on a 421")
                .isInstanceOf(FTPConnectionClosedException.class).hasMessageContaining("421");
        Await.until(() -> log.any("closed deployment=ftp-direct ", "reason=\"closed by admin alice\""),
                "the session's line names the reason");
        ftp.disconnect();
    }

    @Test
    void aPortCommandNamingAnotherAddressIsRefused() throws Exception {
        FTPClient ftp = login("ftp-direct");
        assertThat(ftp.sendCommand("PORT", "127,0,0,2,78,32")).isEqualTo(504);
        assertThat(ftp.sendCommand("EPRT", "|1|10.0.0.9|20000|")).isEqualTo(504);
        Await.until(() -> log.count("ftp-refused deployment=ftp-direct ", "step=\"bounce\"") == 2, "both bounces logged");
        ftp.enterLocalPassiveMode();
        assertThat(ftp.listNames()).as("the session goes on").isNotNull();
        ftp.disconnect();
    }

    @Test
    void aDataConnectionFromAnotherAddressIsRefused() throws Exception {
        Files.write(inside.home().resolve("x.bin"), FtpTree.content("x7"));
        FTPClient ftp = login("ftp-direct");
        assertThat(ftp.pasv()).isEqualTo(227);
        int port = passivePort(ftp.getReplyString());
        try (Socket thief = Partner.connect(port, "127.0.0.5")) {
            assertThat(Partner.closedByServer(thief)).isTrue();
        }
        Await.until(() -> log.any("ftp-refused deployment=ftp-direct ", "passive port theft", "127.0.0.5"),
                "the theft logged");
        ftp.enterLocalPassiveMode();
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        assertThat(ftp.retrieveFile("x.bin", back)).as(ftp.getReplyString()).isTrue();
        assertThat(back.toByteArray()).isEqualTo(FtpTree.content("x7"));
        ftp.disconnect();
    }

    @Test
    void readOnlyRefusesChangesWithoutPassingThemOn() throws Exception {
        Files.write(inside.home().resolve("keep.bin"), FtpTree.content("k3"));
        FTPClient ftp = login("ftp-ro");
        ftp.enterLocalPassiveMode();
        assertThat(ftp.storeFile("new.bin", new ByteArrayInputStream(new byte[] {1}))).isFalse();
        assertThat(ftp.getReplyCode()).isEqualTo(550);
        assertThat(ftp.deleteFile("keep.bin")).isFalse();
        assertThat(ftp.getReplyCode()).isEqualTo(550);
        assertThat(ftp.makeDirectory("d")).isFalse();
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        assertThat(ftp.retrieveFile("keep.bin", back)).as(ftp.getReplyString()).isTrue();
        assertThat(back.toByteArray()).isEqualTo(FtpTree.content("k3"));
        ftp.disconnect();
        assertThat(inside.home().resolve("new.bin")).doesNotExist();
        assertThat(inside.home().resolve("keep.bin")).exists();
        assertThat(inside.home().resolve("d")).doesNotExist();
    }

    @Test
    void anExhaustedPassiveRangeAnswers425AndOtherSessionsGoOn() throws Exception {
        FTPClient holder = login("ftp-one");
        assertThat(holder.pasv()).isEqualTo(227);
        FTPClient other = login("ftp-one");
        assertThat(other.pasv()).isEqualTo(425);
        assertThat(other.sendNoOp()).as("the refused session goes on").isTrue();
        Await.until(() -> log.any("ftp-refused deployment=ftp-one ", "all passive ports 20250 are in use"), "the exhaustion logged");
        holder.disconnect();
        Await.until(() -> {
            try {
                return other.pasv() == 227;
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }, "the port is free again once its session ended");
        other.disconnect();
    }

    @Test
    void explicitFtpsRefusesALoginInClearAndCarriesProtectedDataBothWays() throws Exception {
        FTPClient clear = new FTPClient();
        clear.connect("127.0.0.1", world.port("ftps"));
        assertThat(clear.login(InsideFtp.USER, InsideFtp.PASSWORD)).isFalse();
        assertThat(clear.getReplyCode()).isEqualTo(530);
        clear.disconnect();
        Await.until(() -> log.any("ftp-refused deployment=ftps ", "login before AUTH TLS"), "the clear login logged");

        mirrorOverTls(new FTPSClient(false), "ftps");
    }

    @Test
    void implicitFtpsCarriesProtectedDataBothWays() throws Exception {
        mirrorOverTls(new FTPSClient(true), "ftps-implicit");
    }

    private void mirrorOverTls(FTPSClient ftps, String deployment) throws Exception {
        ftps.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        ftps.setDefaultTimeout(20_000);
        ftps.connect("127.0.0.1", world.port(deployment)); // explicit: AUTH TLS is part of connecting
        assertThat(ftps.getReplyCode()).as(ftps.getReplyString()).isIn(220, 234);
        ftps.execPBSZ(0);
        ftps.execPROT("P");
        assertThat(ftps.login(InsideFtp.USER, InsideFtp.PASSWORD)).as(ftps.getReplyString()).isTrue();
        assertThat(ftps.setFileType(FTP.BINARY_FILE_TYPE)).isTrue();
        ftps.enterLocalPassiveMode();
        byte[] data = Partner.random(3 << 20, 21);
        assertThat(ftps.storeFile(deployment + ".bin", new ByteArrayInputStream(data))).as(ftps.getReplyString())
                .isTrue();
        assertThat(Files.readAllBytes(inside.home().resolve(deployment + ".bin"))).isEqualTo(data);
        ftps.enterLocalActiveMode();
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        assertThat(ftps.retrieveFile(deployment + ".bin", back)).as(ftps.getReplyString()).isTrue();
        assertThat(Partner.sha256(back.toByteArray())).isEqualTo(Partner.sha256(data));
        ftps.disconnect();
    }

    @Test
    void twoHundredMebibytesGoUpAndDownExactlyThroughTheTunnel() throws Exception {
        long size = 200L << 20;
        FTPClient ftp = login("ftp-tunnel");
        ftp.enterLocalPassiveMode();
        SeededStream up = new SeededStream(size, 77);
        assertThat(ftp.storeFile("big.bin", up)).as(ftp.getReplyString()).isTrue();
        assertThat(Files.size(inside.home().resolve("big.bin"))).isEqualTo(size);
        DigestOutputStream down = new DigestOutputStream(OutputStream.nullOutputStream(), Partner.digest());
        assertThat(ftp.retrieveFile("big.bin", down)).as(ftp.getReplyString()).isTrue();
        String sent = up.sha256();
        assertThat(HexFormat.of().formatHex(down.getMessageDigest().digest())).as("down").isEqualTo(sent);
        try (InputStream stored = Files.newInputStream(inside.home().resolve("big.bin"))) {
            assertThat(Partner.readAll(stored).sha256()).as("stored inside").isEqualTo(sent);
        }
        ftp.disconnect();
        Await.until(() -> log.any("transfer deployment=ftp-tunnel ", "bytesUp=" + size, "STOR big.bin")
                && log.any("transfer deployment=ftp-tunnel ", "bytesDown=" + size, "RETR big.bin"), "both logged");
    }

    @Test
    void theClientKilledMidTransferEndsTheSessionWithoutAHang() throws Exception {
        byte[] big = Partner.random(64 << 20, 5);
        Files.write(inside.home().resolve("big.bin"), big);
        FTPClient ftp = login("ftp-tunnel");
        ftp.setSoTimeout(120_000);
        ftp.setDataTimeout(java.time.Duration.ofSeconds(120)); // far beyond the test: a hang shows as this timeout
        ftp.enterLocalPassiveMode();
        InputStream data = ftp.retrieveFileStream("big.bin");
        assertThat(data).as(ftp.getReplyString()).isNotNull();
        long got = data.readNBytes(1 << 20).length;
        agent.close();
        try {
            for (byte[] chunk = new byte[65536]; ; ) {
                int n = data.read(chunk);
                if (n < 0) {
                    break;
                }
                got += n;
            }
        } catch (IOException e) {
            assertThat(e).as("the data connection ended by the server, not by a timeout")
                    .isNotInstanceOf(SocketTimeoutException.class);
        }
        assertThat(got).as("the transfer was cut short").isLessThan(big.length);
        boolean completed;
        try {
            completed = ftp.completePendingCommand();
        } catch (IOException e) {
            assertThat(e).as("the control connection ended by the server").isNotInstanceOf(SocketTimeoutException.class);
            completed = false;
        }
        assertThat(completed).isFalse();
        Await.until(() -> log.any("ftp-refused deployment=ftp-tunnel ", "inside control"), "the lost inside logged");
    }

    @Test
    void lftpMirrorsATreeUpAndDownPlainAndOverTls() throws Exception {
        DebianPackages.require(LFTP);
        Path local = dir.resolve("lftp-up");
        for (String name : FtpTree.names()) {
            Files.createDirectories(local.resolve(name).getParent());
            Files.write(local.resolve(name), FtpTree.content(name));
        }
        lftp("ftp-tunnel", "set ftp:passive-mode on", local, "lftp-plain");
        lftp("ftps", "set ftp:passive-mode off; set ftp:ssl-force true; set ftp:ssl-protect-data true;"
                + " set ssl:verify-certificate no", local, "lftp-tls");
    }

    private void lftp(String deployment, String settings, Path local, String remote) throws Exception {
        Path back = dir.resolve(remote + "-back");
        String script = settings + "; set net:max-retries 1; set net:timeout 20; mirror -R " + local + " " + remote
                + "; mirror " + remote + " " + back + "; quit";
        Processes.Run run = Processes.run(dir, null, List.of(LFTP.path().toString(), "-u",
                InsideFtp.USER + "," + InsideFtp.PASSWORD, "-p", Integer.toString(world.port(deployment)), "-e", script,
                "127.0.0.1"));
        assertThat(run.exit()).as(run.err()).isZero();
        for (String name : FtpTree.names()) {
            assertThat(Partner.sha256(Files.readAllBytes(inside.home().resolve(remote).resolve(name))))
                    .as("%s up: %s", deployment, name).isEqualTo(Partner.sha256(FtpTree.content(name)));
            assertThat(Partner.sha256(Files.readAllBytes(back.resolve(name))))
                    .as("%s down: %s", deployment, name).isEqualTo(Partner.sha256(FtpTree.content(name)));
        }
    }

    private static int passivePort(String reply) {
        String[] six = reply.substring(reply.indexOf('(') + 1, reply.indexOf(')')).split(",");
        return Integer.parseInt(six[4]) * 256 + Integer.parseInt(six[5]);
    }
}
