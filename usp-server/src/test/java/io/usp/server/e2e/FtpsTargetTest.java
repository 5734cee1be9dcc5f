package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.Pem;
import io.usp.protocol.pki.ServerIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FTPS toward the target: the session break logs in to inside servers that take nothing in
 * clear (Apache FtpServer refusing logins before TLS and transfers without PROT P), explicit
 * and implicit, through the tunnel and direct, with plain and FTPS partners; and it checks
 * the target's certificate against the deployment's CA and host.
 */
class FtpsTargetTest extends WithConnectionLog {

    private InsideFtp explicit;
    private InsideFtp implicit;
    private InsideFtp misnamed;
    private InsideFtp plain;
    private SelfSignedCertificate partnerFacing;

    @BeforeEach
    void startInsideAndServer() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("inside-pki"));
        Path goodStore = keyStore(ca, ca.serverIdentity(List.of("127.0.0.1")), "inside.p12");
        Path misnamedStore = keyStore(ca, ca.serverIdentity(List.of("ftp.internal")), "misnamed.p12");
        explicit = InsideFtp.startFtps(dir.resolve("explicit"), goodStore, "20500-20519", false);
        implicit = InsideFtp.startFtps(dir.resolve("implicit"), goodStore, "20520-20539", true);
        misnamed = InsideFtp.startFtps(dir.resolve("misnamed"), misnamedStore, "20540-20544", false);
        plain = InsideFtp.start(dir.resolve("plain"), "20545-20549");
        Path otherCa = CertificateAuthority.loadOrCreate(dir.resolve("other-pki")).caFile();
        partnerFacing = new SelfSignedCertificate("localhost");
        String partnerTls = ", \"tls\": \"explicit\", \"certificate\": {\"cert\": \"" + partnerFacing.certificate()
                + "\", \"key\": \"" + partnerFacing.privateKey() + "\"}";
        world.startServer(List.of(
                deployment("to-explicit", explicit, Optional.of("agent-a"), "explicit", ca.caFile(), "20400-20419", ""),
                deployment("to-implicit", implicit, Optional.empty(), "implicit", ca.caFile(), "20420-20439", partnerTls),
                deployment("wrong-ca", explicit, Optional.empty(), "explicit", otherCa, "20440-20444", ""),
                deployment("wrong-name", misnamed, Optional.of("agent-a"), "explicit", ca.caFile(), "20445-20449", ""),
                deployment("no-tls-inside", plain, Optional.empty(), "explicit", ca.caFile(), "20450-20454", ""),
                deployment("missing-ca", plain, Optional.empty(), "explicit", dir.resolve("no-such-ca.pem"),
                        "20455-20459", "")));
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);
    }

    @AfterEach
    void stopInside() {
        for (InsideFtp inside : List.of(explicit, implicit, misnamed, plain)) {
            inside.close();
        }
        partnerFacing.delete();
    }

    private static Path keyStore(CertificateAuthority ca, ServerIdentity identity, String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("ftp", Pem.readPrivateKey(identity.keyFile()), InsideFtp.PASSWORD.toCharArray(),
                new Certificate[] {Pem.readCertificate(identity.certFile()), ca.certificate()});
        Path file = identity.certFile().resolveSibling(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, InsideFtp.PASSWORD.toCharArray());
        }
        return file;
    }

    private io.usp.deployments.Deployment deployment(String name, InsideFtp inside, Optional<String> client, String tls,
                                                     Path ca, String passive, String partnerTls) throws Exception {
        return World.fromJson("""
                {"name": "%s", "mode": "ftp", "listener": {"bind": "127.0.0.1", "port": 0},
                 "target": {"host": "127.0.0.1", "port": %d, "tls": "%s", "ca": "%s"}%s,
                 "ftp": {"passivePorts": "%s"%s}}""".formatted(name, inside.port(), tls, ca,
                client.map(c -> ", \"client\": \"" + c + "\"").orElse(""), passive, partnerTls));
    }

    private FTPClient login(FTPClient ftp, String deployment) throws IOException {
        ftp.setDefaultTimeout(20_000);
        ftp.setDataTimeout(java.time.Duration.ofSeconds(20));
        ftp.connect("127.0.0.1", world.port(deployment));
        if (ftp instanceof FTPSClient ftps) {
            ftps.execPBSZ(0);
            ftps.execPROT("P");
        }
        assertThat(ftp.login(InsideFtp.USER, InsideFtp.PASSWORD)).as(ftp.getReplyString()).isTrue();
        assertThat(ftp.setFileType(FTP.BINARY_FILE_TYPE)).isTrue();
        return ftp;
    }

    /** Each data connection's TLS handshake ends with the file right behind it: none may slip by the relay. */
    @Test
    void aFileFetchedThirtyTimesOverFtpsThroughTheTunnelArrivesWholeEachTime() throws Exception {
        FTPClient ftp = login(new FTPClient(), "to-explicit");
        ftp.enterLocalPassiveMode();
        fetchRepeatedly(ftp, "to-explicit", explicit, FtpTree.content("a/f2.bin"));
    }

    /** Nothing follows the inside handshake but close_notify, while the partner's handshake is still to come. */
    @Test
    void anEmptyFileFetchedThirtyTimesInActiveModeOverFtpsOnBothSidesEndsCleanlyEachTime() throws Exception {
        FTPSClient ftps = new FTPSClient(false);
        ftps.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        login(ftps, "to-implicit");
        ftps.enterLocalActiveMode();
        fetchRepeatedly(ftps, "to-implicit", implicit, new byte[0]);
    }

    private void fetchRepeatedly(FTPClient ftp, String deployment, InsideFtp inside, byte[] data) throws Exception {
        Files.write(inside.home().resolve("again.bin"), data);
        for (int i = 0; i < 30; i++) {
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertThat(ftp.retrieveFile("again.bin", back)).as(ftp.getReplyString()).isTrue();
            assertThat(back.toByteArray()).as("fetch %d", i).isEqualTo(data);
        }
        ftp.disconnect();
        Await.until(() -> log.count("transfer deployment=" + deployment + " ", "bytesDown=" + data.length,
                "RETR again.bin -> 226") == 30, "each fetch in the audit log");
    }

    @Test
    void aPlainPartnerMirrorsATreeThroughExplicitFtpsInsidePassiveAndActiveThroughTheTunnel() throws Exception {
        FTPClient ftp = login(new FTPClient(), "to-explicit");
        ftp.enterLocalPassiveMode();
        FtpTree.mirror(ftp, explicit.home(), "pasv");
        ftp.enterLocalActiveMode();
        FtpTree.mirror(ftp, explicit.home(), "port");
        ftp.logout();
        ftp.disconnect();
        Await.until(() -> log.count("transfer deployment=to-explicit ", "via=agent-a", "user=alice STOR ") == 40
                && log.count("transfer deployment=to-explicit ", "via=agent-a", "user=alice RETR ") == 40,
                "every file's transfer in the audit log");
    }

    @Test
    void anFtpsPartnerMirrorsATreeThroughImplicitFtpsInsideDirect() throws Exception {
        FTPSClient ftps = new FTPSClient(false);
        ftps.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        login(ftps, "to-implicit");
        ftps.enterLocalPassiveMode();
        FtpTree.mirror(ftps, implicit.home(), "pasv");
        ftps.enterLocalActiveMode();
        FtpTree.mirror(ftps, implicit.home(), "port");
        ftps.disconnect();
    }

    @Test
    void aTargetCertificateFromAnotherCaEndsTheSession() throws Exception {
        refusedAtLogin("wrong-ca", "PKIX");
    }

    @Test
    void aTargetCertificateForAnotherNameEndsTheSession() throws Exception {
        refusedAtLogin("wrong-name", "127.0.0.1");
    }

    @Test
    void aTargetThatCannotSpeakTlsEndsTheSession() throws Exception {
        refusedAtLogin("no-tls-inside", "the target answered AUTH TLS with");
    }

    @Test
    void aCaFileThatCannotBeReadKeepsTheListenerDownAndSaysWhy() {
        assertThat(world.server().listeners().get("missing-ca")).isEmpty();
        assertThat(world.server().listeners().failure("missing-ca")).hasValueSatisfying(e -> assertThat(e.getMessage())
                .startsWith("deployment 'missing-ca': not listening on 127.0.0.1:0: target.ca: cannot use the CA file ")
                .contains("no-such-ca.pem"));
        assertThat(world.server().listeners().get("to-explicit")).as("the other deployments listen").isPresent();
    }

    /** The greeting comes (it precedes TLS), the login is answered 421, and the log says why. */
    private void refusedAtLogin(String deployment, String why) throws Exception {
        FTPClient ftp = new FTPClient();
        ftp.setDefaultTimeout(20_000);
        ftp.connect("127.0.0.1", world.port(deployment));
        assertThat(ftp.getReplyCode()).isEqualTo(220);
        boolean loggedIn;
        try {
            loggedIn = ftp.login(InsideFtp.USER, InsideFtp.PASSWORD);
            assertThat(ftp.getReplyCode()).as(ftp.getReplyString()).isEqualTo(421);
        } catch (org.apache.commons.net.ftp.FTPConnectionClosedException e) {
            loggedIn = false; // the 421 came and the connection closed while the client read it
        }
        assertThat(loggedIn).isFalse();
        ftp.disconnect();
        Await.until(() -> log.any("ftp-refused deployment=" + deployment + " ", why), "the refusal logged with " + why);
    }
}
