package io.usp.protocol.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own certificate authority. It lives in {@code <dataDir>/ca/ca.crt} and
 * {@code ca.key}, is created on first use, and signs the server certificate and client
 * certificates. The tunnel trusts nothing else.
 */
public final class CertificateAuthority {

    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** The server certificate's lifetime; it is reissued at a start within 30 days of expiry. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);
    /**
     * Client certificates are short-lived: a running client renews its own when a third of this is
     * left (docs/enrollment.md), so a key that leaks stops working within a month even unrevoked.
     */
    public static final Duration DEFAULT_CLIENT_VALIDITY = Duration.ofDays(30);
    /** A client name becomes a file name and a certificate CN, so it is kept plain. */
    private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Logger LOG = LoggerFactory.getLogger(CertificateAuthority.class);

    private final Path dataDir;
    private final Path caFile;
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Clock clock;

    private CertificateAuthority(Path dataDir, Path caFile, X509Certificate certificate, PrivateKey key,
            Clock clock) {
        this.dataDir = dataDir;
        this.caFile = caFile;
        this.certificate = certificate;
        this.key = key;
        this.clock = clock;
    }

    /**
     * The cluster's CA, as the shared database holds it ({@code certificate}, and the key sealed
     * with the cluster secret), kept in {@code dataDir} too so this server's TLS reads it as
     * always. A server whose data folder already holds another CA refuses: certificates it issued
     * would silently stop working.
     *
     * @throws IOException when the key does not open with {@code secret}, or another CA is in dataDir
     */
    public static CertificateAuthority adopt(Path dataDir, X509Certificate certificate, String sealedKey,
                                             ClusterSecret secret, Clock clock) throws IOException {
        PrivateKey key;
        try {
            key = Pem.decodePkcs8(secret.open(sealedKey));
        } catch (GeneralSecurityException e) {
            throw new IOException("the cluster secret does not open the CA key stored in the database (is it the"
                    + " same secret file as on the other servers?)", e);
        }
        if (!Certificates.matches(key, certificate.getPublicKey())) {
            throw new IOException("the CA key stored in the database does not belong to the CA certificate stored"
                    + " there");
        }
        Path dir = dataDir.resolve("ca");
        if (Files.exists(dir.resolve("ca.crt")) || Files.exists(dir.resolve("ca.key"))) {
            CertificateAuthority local = loadOrCreate(dataDir, clock);
            if (!local.certificate.equals(certificate)) {
                throw new IOException("this server's CA in " + dir + " (" + Fingerprints.sha256(local.certificate)
                        + ") is not the cluster's CA in the shared database (" + Fingerprints.sha256(certificate)
                        + "): a server joins a cluster with the cluster's CA. Move " + dir + " away (clients it"
                        + " issued certificates to must enroll again) and start again");
            }
            return local;
        }
        SecureFiles.createPrivateDirectory(dir);
        Pem.writePrivateKey(dir.resolve("ca.key"), key);
        Pem.writeCertificate(dir.resolve("ca.crt"), certificate);
        LOG.info("Took the cluster's CA '{}' from the shared database into {}", certificate.getSubjectX500Principal()
                .getName(), dir);
        return new CertificateAuthority(dataDir, dir.resolve("ca.crt"), certificate, key, clock);
    }

    /** The CA's private key sealed with {@code secret}, for the shared database. */
    public String sealedKey(ClusterSecret secret) {
        return secret.seal(key.getEncoded());
    }

    public static CertificateAuthority loadOrCreate(Path dataDir) throws IOException {
        return loadOrCreate(dataDir, Clock.systemUTC());
    }

    public static CertificateAuthority loadOrCreate(Path dataDir, Clock clock) throws IOException {
        Path dir = dataDir.resolve("ca");
        Path certFile = dir.resolve("ca.crt");
        Path keyFile = dir.resolve("ca.key");
        boolean hasCert = Files.exists(certFile);
        if (hasCert != Files.exists(keyFile)) {
            // Never replace half a CA silently: every issued certificate would stop working.
            throw new IOException("CA in " + dir + " is incomplete: need both ca.crt and ca.key, found only "
                    + (hasCert ? "ca.crt" : "ca.key"));
        }
        if (hasCert) {
            X509Certificate cert = Pem.readCertificate(certFile);
            PrivateKey key = Pem.readPrivateKey(keyFile);
            if (!Certificates.matches(key, cert.getPublicKey())) {
                throw new IOException("CA in " + dir + ": ca.key does not belong to ca.crt");
            }
            return new CertificateAuthority(dataDir, certFile, cert, key, clock);
        }
        SecureFiles.createPrivateDirectory(dir);
        KeyPair pair = Certificates.newKeyPair();
        X509Certificate cert = selfSign(pair, clock);
        Pem.writePrivateKey(keyFile, pair.getPrivate());
        Pem.writeCertificate(certFile, cert);
        LOG.info("Created a new CA '{}' in {}", cert.getSubjectX500Principal().getName(), dir);
        return new CertificateAuthority(dataDir, certFile, cert, pair.getPrivate(), clock);
    }

    /**
     * The server certificate for {@code names} (DNS names or IP literals), kept from disk when it
     * still fits, else issued afresh: other names, expiring within 30 days, or another issuer.
     */
    public ServerIdentity serverIdentity(List<String> names) throws IOException {
        SubjectNames.validate(names);
        Path dir = dataDir.resolve("server");
        ServerIdentity identity = new ServerIdentity(dir.resolve("server.crt"), dir.resolve("server.key"), caFile);
        Optional<String> reason = ServerCertificateCheck.reasonToReissue(
                identity.certFile(), identity.keyFile(), certificate, names, clock.instant());
        if (reason.isPresent()) {
            SecureFiles.createPrivateDirectory(dir);
            KeyPair pair = Certificates.newKeyPair();
            X509Certificate cert = issue(Certificates.commonName(names.get(0)), pair.getPublic(), DEFAULT_VALIDITY,
                    KeyPurposeId.id_kp_serverAuth, SubjectNames.toGeneralNames(names));
            Pem.writePrivateKey(identity.keyFile(), pair.getPrivate());
            Pem.writeCertificate(identity.certFile(), cert);
            LOG.info("Issued a new server certificate for {} in {}: {}", names, dir, reason.get());
        }
        return identity;
    }

    public ClientCredentials issueClient(String name, Path outDir) throws IOException {
        return issueClient(name, outDir, DEFAULT_CLIENT_VALIDITY);
    }

    /** Issues {@code <outDir>/<name>.crt}, {@code <name>.key} and a copy of the CA as {@code ca.crt}. */
    public ClientCredentials issueClient(String name, Path outDir, Duration validity) throws IOException {
        requireClientName(name);
        SecureFiles.createPrivateDirectory(outDir);
        KeyPair pair = Certificates.newKeyPair();
        X509Certificate cert = issueClient(name, pair.getPublic(), validity);
        ClientCredentials credentials = new ClientCredentials(
                outDir.resolve(name + ".crt"), outDir.resolve(name + ".key"), outDir.resolve("ca.crt"));
        Pem.writePrivateKey(credentials.keyFile(), pair.getPrivate());
        Pem.writeCertificate(credentials.certFile(), cert);
        Pem.writeCertificate(credentials.caFile(), certificate);
        LOG.info("Issued client certificate '{}' in {}, valid until {}", name, outDir, cert.getNotAfter().toInstant());
        return credentials;
    }

    /**
     * A client certificate for {@code name} and a public key the client made itself (taken from a
     * verified certificate request): enrollment and renewal. The private key never comes here.
     */
    public X509Certificate issueClient(String name, PublicKey publicKey, Duration validity) {
        return issueClient(name, publicKey, validity, Instant.MIN);
    }

    /**
     * The same, but {@link #issuedAt} of the result is after {@code after} (a revocation of this
     * name): certificates carry whole seconds, so one issued in the second of a revocation would
     * otherwise look older than it. Its notBefore is still in the past.
     */
    public X509Certificate issueClient(String name, PublicKey publicKey, Duration validity, Instant after) {
        requireClientName(name);
        Instant now = clock.instant();
        Instant start = now.truncatedTo(ChronoUnit.SECONDS).isAfter(after) ? now
                : after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        return issue(Certificates.commonName(name), publicKey, start, validity, KeyPurposeId.id_kp_clientAuth, null);
    }

    /** A client name becomes a file name and a certificate CN, so it is kept plain. */
    public static void requireClientName(String name) {
        if (name == null || !CLIENT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("client name '" + name
                    + "' is invalid: use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /**
     * When a certificate was issued: its notBefore plus the back-dating every certificate gets.
     * Revocation compares this with the time a client was revoked.
     */
    public static Instant issuedAt(X509Certificate certificate) {
        return Certificates.issuedAt(certificate);
    }

    /** SHA-256 of the CA certificate, the pin an enrollment token carries. */
    public String fingerprint() {
        return Fingerprints.sha256(certificate);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate (PEM); both ends trust only this. */
    public Path caFile() {
        return caFile;
    }

    private X509Certificate issue(X500Name subject, PublicKey subjectKey, Duration validity, KeyPurposeId purpose,
            GeneralNames altNames) {
        return issue(subject, subjectKey, clock.instant(), validity, purpose, altNames);
    }

    private X509Certificate issue(X500Name subject, PublicKey subjectKey, Instant start, Duration validity,
            KeyPurposeId purpose, GeneralNames altNames) {
        try {
            X509v3CertificateBuilder builder = Certificates.builder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                    subject, subjectKey, start, validity);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (altNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, altNames);
            }
            Certificates.addKeyIdentifiers(builder, subjectKey, certificate);
            return Certificates.sign(builder, key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject, e);
        }
    }

    private static X509Certificate selfSign(KeyPair pair, Clock clock) {
        X500Name subject = Certificates.commonName("USP CA " + Certificates.shortId());
        try {
            X509v3CertificateBuilder builder =
                    Certificates.builder(subject, subject, pair.getPublic(), clock.instant(), CA_VALIDITY);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            Certificates.addKeyIdentifiers(builder, pair.getPublic(), null);
            return Certificates.sign(builder, pair.getPrivate());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the CA certificate", e);
        }
    }
}
