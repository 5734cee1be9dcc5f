package io.usp.protocol.pki;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SHA-256 fingerprints of certificates, as lower-case hex of the DER encoding (what
 * {@code openssl x509 -noout -fingerprint -sha256} prints, without the colons). An enrollment
 * token carries the CA's, so a new client can pin the server before it trusts anything.
 */
public final class Fingerprints {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private Fingerprints() {
    }

    public static String sha256(X509Certificate certificate) {
        try {
            return sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    public static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest(data));
    }

    /** Lower-case hex; colons and upper case (as OpenSSL prints it) are accepted and dropped. */
    public static String normalize(String fingerprint) {
        String hex = fingerprint == null ? "" : fingerprint.replace(":", "").toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("'" + fingerprint + "' is not a SHA-256 fingerprint (64 hex digits)");
        }
        return hex;
    }

    /** Compares in constant time; both must be normalized. */
    public static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
