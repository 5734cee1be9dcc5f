package io.usp.protocol.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Key pairs and certificate signing. EC P-256 keys signed with SHA256withECDSA. No JCA provider is
 * named, so a shaded jar does not need a signed Bouncy Castle provider.
 */
final class Certificates {

    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    /** Certificates start a little in the past so that a peer whose clock lags still accepts them. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 keys are not available in this JVM", e);
        }
    }

    static X500Name commonName(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
    }

    /** Starts a certificate: random serial, validity from a little before {@code now} to {@code now + validity}. */
    static JcaX509v3CertificateBuilder builder(
            X500Name issuer, X500Name subject, PublicKey subjectKey, Instant now, Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("certificate validity must be positive, was " + validity);
        }
        return new JcaX509v3CertificateBuilder(
                issuer, serialNumber(), Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)),
                subject, subjectKey);
    }

    /** When {@code certificate} was issued, undoing {@link #BACKDATE}. */
    static Instant issuedAt(X509Certificate certificate) {
        return certificate.getNotBefore().toInstant().plus(BACKDATE);
    }

    /** Adds the subject key identifier, and the authority key identifier taken from {@code issuer}. */
    static void addKeyIdentifiers(X509v3CertificateBuilder builder, PublicKey subjectKey, X509Certificate issuer)
            throws CertIOException, GeneralSecurityException {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
        if (issuer != null) {
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
        }
    }

    static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + SIGNATURE_ALGORITHM, e);
        }
    }

    /** True when {@code privateKey} is the private half of {@code publicKey}: sign and verify a nonce. */
    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        try {
            byte[] nonce = new byte[32];
            RANDOM.nextBytes(nonce);
            Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
            signer.initSign(privateKey);
            signer.update(nonce);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(nonce);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A positive 128-bit serial number (RFC 5280 §4.1.2.2 allows up to 20 octets). */
    static BigInteger serialNumber() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }

    static String shortId() {
        return String.format("%08x", RANDOM.nextInt());
    }
}
