package io.usp.admin.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a PEM certificate chain and PKCS#8 key into an in-memory key store for Jetty, which reads
 * key stores, not PEM. The JDK parses both formats, so no PEM library is needed here.
 */
final class PemKeyStore {

    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "Ed25519", "Ed448");

    private PemKeyStore() {
    }

    /** A PKCS#12 store holding one entry, {@code admin}, protected by {@code password}. */
    static KeyStore load(TlsFiles files, char[] password) {
        List<? extends Certificate> chain = certificates(files.certificate());
        PrivateKey key = privateKey(files.privateKey());
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("admin", key, password, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("admin https: " + files.privateKey()
                    + " does not belong to the certificate in " + files.certificate() + ": " + e.getMessage(), e);
        }
    }

    private static List<? extends Certificate> certificates(Path file) {
        try {
            var chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("admin https: " + file + " holds no certificate");
            }
            return List.copyOf(chain);
        } catch (IOException e) {
            throw new UncheckedIOException("admin https: cannot read " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("admin https: " + file + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("admin https: cannot read " + file, e);
        }
        Matcher m = PKCS8.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("admin https: " + file + " holds no PKCS#8 key (BEGIN PRIVATE KEY)");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1)));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException wrongAlgorithm) {
                // PKCS#8 names its algorithm inside; the JDK only tells us by refusing: try the next
                continue;
            }
        }
        throw new IllegalArgumentException("admin https: " + file + " holds a key that is not EC, RSA or EdDSA");
    }
}
