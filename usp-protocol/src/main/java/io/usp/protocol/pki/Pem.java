package io.usp.protocol.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * PEM files of certificates and private keys. Keys are written as unencrypted PKCS#8
 * ({@code BEGIN PRIVATE KEY}) because that is what Netty's {@code SslContextBuilder} reads.
 * No JCA provider is named, so the JDK's own providers do the work.
 */
public final class Pem {

    private Pem() {
    }

    public static String encode(X509Certificate certificate) throws IOException {
        return write(certificate);
    }

    public static String encode(PrivateKey key) throws IOException {
        return write(new JcaPKCS8Generator(key, null));
    }

    /** Writes a certificate, mode 0644. */
    public static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
        SecureFiles.writePublic(file, encode(certificate).getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes a private key as PKCS#8, mode 0600 from the moment the file exists. */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        SecureFiles.writePrivate(file, encode(key).getBytes(StandardCharsets.US_ASCII));
    }

    public static X509Certificate readCertificate(Path file) throws IOException {
        return certificate(file.toString(), readObject(file));
    }

    /** A certificate from PEM text, e.g. the body of an enrollment answer. */
    public static X509Certificate decodeCertificate(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return certificate("PEM text", parser.readObject());
        } catch (RuntimeException e) { // BC throws unchecked ones on malformed input
            throw new IOException("PEM text: unreadable certificate: " + e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(String source, Object object) throws IOException {
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new IOException(source + ": expected a PEM certificate, found " + describe(object));
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IOException(source + ": unreadable certificate: " + e.getMessage(), e);
        }
    }

    /** Reads a PKCS#8 key; a traditional OpenSSL key ({@code BEGIN EC PRIVATE KEY}) is accepted too. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        Object object = readObject(file);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (object instanceof PrivateKeyInfo info) {
            return converter.getPrivateKey(info);
        }
        if (object instanceof PEMKeyPair pair) {
            return converter.getKeyPair(pair).getPrivate();
        }
        throw new IOException(file + ": expected an unencrypted PEM private key, found " + describe(object));
    }

    /** A private key from its PKCS#8 DER encoding (what {@code PrivateKey.getEncoded()} gives). */
    public static PrivateKey decodePkcs8(byte[] der) throws IOException {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(PrivateKeyInfo.getInstance(der));
        } catch (IllegalArgumentException e) {
            throw new IOException("not a PKCS#8 private key: " + e.getMessage(), e);
        }
    }

    private static Object readObject(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            return parser.readObject();
        }
    }

    private static String write(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static String describe(Object object) {
        return object == null ? "no PEM object" : object.getClass().getSimpleName();
    }
}
