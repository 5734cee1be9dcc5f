package io.usp.protocol.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * PKCS#10 certificate requests. The client makes one with a key pair it generated itself (the
 * private key never leaves it); the server takes from it only the public key, after checking the
 * signature (proof that the sender holds the private key) and the key's strength. The subject is
 * ignored: the name in a certificate is always the one the server knows the client by.
 */
public final class CertificateRequests {

    /** Smallest keys accepted: EC on a curve of at least 256 bits, RSA of at least 2048 bits. */
    static final int MIN_EC_BITS = 256;
    static final int MIN_RSA_BITS = 2048;
    /** A CSR of an EC P-256 key is about 500 characters of PEM; anything far larger is not one. */
    static final int MAX_PEM_CHARS = 8 * 1024;

    private CertificateRequests() {
    }

    /** A fresh EC P-256 key pair, the kind every USP key is. */
    public static KeyPair newKeyPair() {
        return Certificates.newKeyPair();
    }

    /** A PEM CSR for {@code pair}, subject {@code CN=name}, signed with its private key. */
    public static String create(String name, KeyPair pair) {
        try {
            X500Name subject = Certificates.commonName(name);
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
                    .build(new JcaContentSignerBuilder(Certificates.SIGNATURE_ALGORITHM).build(pair.getPrivate()));
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(csr);
            }
            return out.toString();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot build a certificate request: " + e.getMessage(), e);
        }
    }

    /** The public key of a PEM CSR whose signature verifies and whose key is strong enough. */
    public static PublicKey verifiedKey(String pem) throws RequestRefused {
        if (pem == null || pem.isBlank()) {
            throw new RequestRefused(RequestRefused.Problem.UNREADABLE, "no certificate request");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new RequestRefused(RequestRefused.Problem.UNREADABLE,
                    "certificate request is " + pem.length() + " characters, more than " + MAX_PEM_CHARS);
        }
        PKCS10CertificationRequest csr = parse(pem);
        PublicKey key;
        try {
            // the PEM converter maps key OIDs to JDK algorithm names, so no BC provider is needed
            key = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
            ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().build(key);
            if (!csr.isSignatureValid(verifier)) {
                throw new RequestRefused(RequestRefused.Problem.BAD_SIGNATURE,
                        "the certificate request's signature does not verify with its own key");
            }
        } catch (OperatorCreationException | PKCSException | IOException | RuntimeException e) {
            throw new RequestRefused(RequestRefused.Problem.BAD_SIGNATURE,
                    "cannot verify the certificate request: " + e.getMessage());
        }
        requireStrong(key);
        return key;
    }

    private static PKCS10CertificationRequest parse(String pem) throws RequestRefused {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new RequestRefused(RequestRefused.Problem.UNREADABLE,
                    "certificate request is not readable PEM: " + e.getMessage());
        }
        if (!(object instanceof PKCS10CertificationRequest csr)) {
            throw new RequestRefused(RequestRefused.Problem.UNREADABLE, "expected a PEM 'CERTIFICATE REQUEST', found "
                    + (object == null ? "no PEM object" : object.getClass().getSimpleName()));
        }
        return csr;
    }

    static void requireStrong(PublicKey key) throws RequestRefused {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits < MIN_EC_BITS) {
                throw new RequestRefused(RequestRefused.Problem.WEAK_KEY,
                        "EC key on a " + bits + "-bit curve; at least " + MIN_EC_BITS + " bits (P-256) are required");
            }
            return;
        }
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new RequestRefused(RequestRefused.Problem.WEAK_KEY,
                        "RSA key of " + bits + " bits; at least " + MIN_RSA_BITS + " are required");
            }
            return;
        }
        throw new RequestRefused(RequestRefused.Problem.WEAK_KEY,
                "key type " + key.getAlgorithm() + " is not accepted; use EC P-256 (or RSA of 2048 bits or more)");
    }

    /** Why a certificate request was refused. */
    public static final class RequestRefused extends Exception {

        public enum Problem { UNREADABLE, BAD_SIGNATURE, WEAK_KEY }

        private final Problem problem;

        public RequestRefused(Problem problem, String message) {
            super(message);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }
}
