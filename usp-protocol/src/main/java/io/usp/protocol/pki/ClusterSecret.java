package io.usp.protocol.pki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The secret every server of a cluster holds in a file of its own, never in the database: the
 * CA's private key is kept in the shared database sealed with a key derived from it (HKDF-SHA256,
 * then AES-256-GCM), so the database alone does not give the key away.
 */
public final class ClusterSecret {

    public static final int MIN_BYTES = 32;
    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] SALT = "usp cluster secret".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INFO = "usp ca key sealing v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private ClusterSecret(SecretKeySpec key) {
        this.key = key;
    }

    /** @throws IllegalArgumentException when the secret is shorter than {@value #MIN_BYTES} bytes */
    public static ClusterSecret of(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("the cluster secret has " + secret.length + " bytes; it needs at least "
                    + MIN_BYTES + " random ones (head -c 32 /dev/urandom > cluster.secret)");
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secret, SALT, INFO));
        byte[] derived = new byte[32];
        hkdf.generateBytes(derived, 0, derived.length);
        return new ClusterSecret(new SecretKeySpec(derived, "AES"));
    }

    /** {@code plain} sealed: {@code v1:} and the Base64 of a fresh nonce and the AES-GCM ciphertext. */
    public String seal(byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** @throws GeneralSecurityException when {@code sealed} was sealed with another secret, or altered */
    public byte[] open(String sealed) throws GeneralSecurityException {
        if (!sealed.startsWith(VERSION)) {
            throw new GeneralSecurityException("not a sealed value of this version");
        }
        byte[] in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        if (in.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("sealed value too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
        return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
    }
}
