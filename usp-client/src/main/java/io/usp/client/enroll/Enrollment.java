package io.usp.client.enroll;

import io.netty.handler.ssl.SslContext;
import io.usp.client.enroll.EnrollExchange.Answer;
import io.usp.protocol.Protocol;
import io.usp.protocol.enroll.EnrollJson;
import io.usp.protocol.enroll.EnrollMessages.EnrollRequest;
import io.usp.protocol.enroll.EnrollmentToken;
import io.usp.protocol.pki.CertificateRequests;
import io.usp.protocol.pki.Pem;
import io.usp.protocol.tls.EnrollTls;
import io.usp.protocol.tls.PinnedCaTrust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;

/**
 * Enrolls this machine as a client with a one-time token: makes a key pair here (the private key
 * never leaves), pins the server by the token's CA fingerprint, sends a certificate request, and
 * writes {@code NAME.key} (owner-only), {@code NAME.crt}, {@code ca.crt} and {@code client.yaml}.
 */
public final class Enrollment {

    /** How long connecting, the handshake and the answer may each take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** The CSR's subject is ignored by the server (the token decides the name); this only fills it. */
    private static final String PLACEHOLDER_NAME = "enrolling";

    private Enrollment() {
    }

    /** What enrollment wrote. */
    public record Written(String name, Path config, Path cert, Path key, Path ca, String host, int port) {
    }

    public static Written enroll(EnrollmentToken token, Path dir) throws EnrollFailed, IOException {
        Path config = dir.resolve("client.yaml");
        if (Files.exists(config)) {
            // checked before the token is spent, so the operator can pick another folder and keep the token
            throw new EnrollFailed(config + " exists already: enroll into another --dir, or remove it first");
        }
        if (Files.isDirectory(dir) && !Files.isWritable(dir)) {
            throw new EnrollFailed(dir + " is not writable by this user");
        }
        KeyPair pair = CertificateRequests.newKeyPair();
        byte[] request = EnrollJson.MAPPER.writeValueAsBytes(
                new EnrollRequest(token.secret(), CertificateRequests.create(PLACEHOLDER_NAME, pair)));
        SslContext tls = EnrollTls.pinned(new PinnedCaTrust(token.caFingerprint()));
        Answer answer;
        try {
            answer = EnrollExchange.post(tls, token.host(), token.port(), Protocol.ENROLL_PATH, request, TIMEOUT);
        } catch (IOException e) {
            throw new EnrollFailed("cannot enroll with " + token.host() + ":" + token.port() + ": " + e.getMessage(),
                    Optional.empty(), e);
        }
        IssuedAnswer issued = IssuedAnswer.read(answer, pair.getPublic(), token.caFingerprint());
        createPrivateDirectory(dir);
        Written written = new Written(issued.name(), config, dir.resolve(issued.name() + ".crt"),
                dir.resolve(issued.name() + ".key"), dir.resolve("ca.crt"), token.host(), token.port());
        Pem.writePrivateKey(written.key(), pair.getPrivate());
        Pem.writeCertificate(written.cert(), issued.certificate());
        Pem.writeCertificate(written.ca(), issued.ca());
        ClientYaml.write(config, issued.name(), token.host(), token.port());
        return written;
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        if (absolute.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(absolute);
        }
    }
}
