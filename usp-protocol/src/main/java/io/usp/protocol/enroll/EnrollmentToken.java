package io.usp.protocol.enroll;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import io.usp.protocol.pki.Fingerprints;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A one-time enrollment token as an admin hands it to a new client: {@code usp1.} followed by
 * base64url of {@code {"server": "host:port", "ca": SHA-256 of the CA certificate, "secret": 32
 * random bytes, base64url}}. The server keeps only the SHA-256 of the secret. The address and the
 * fingerprint let the client find the server and pin its CA before it sends the secret anywhere.
 *
 * @param host          the server's tunnel address, one of its {@code tunnel.names}
 * @param port          its tunnel port
 * @param caFingerprint SHA-256 of the server's CA certificate (lower-case hex)
 * @param secret        base64url of 32 random bytes; proves the admin's consent once
 */
public record EnrollmentToken(String host, int port, String caFingerprint, String secret) {

    public static final String PREFIX = "usp1.";
    static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public EnrollmentToken {
        if (host == null || host.isBlank() || host.strip().length() != host.length()) {
            throw new IllegalArgumentException("token: server host is missing or blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("token: server port must be 1..65535, got " + port);
        }
        caFingerprint = Fingerprints.normalize(caFingerprint);
        secretBytes(secret);
    }

    /** A token with a fresh secret. */
    public static EnrollmentToken generate(String host, int port, String caFingerprint) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return new EnrollmentToken(host, port, caFingerprint, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Parses the text an admin copied; anything else is an {@link IllegalArgumentException} saying what. */
    public static EnrollmentToken parse(String text) {
        String token = text == null ? "" : text.strip();
        if (!token.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a USP enrollment token: it must start with '" + PREFIX + "'");
        }
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(token.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("enrollment token is damaged (not base64url after '" + PREFIX
                    + "'); copy it again in one piece", e);
        }
        Body body;
        try {
            body = EnrollJson.MAPPER.readValue(json, Body.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("enrollment token is damaged (its content is not the expected JSON)", e);
        }
        if (body.server() == null || body.ca() == null || body.secret() == null) {
            throw new IllegalArgumentException("enrollment token lacks 'server', 'ca' or 'secret'");
        }
        int colon = body.server().lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("enrollment token: server '" + body.server() + "' is not host:port");
        }
        String host = body.server().substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(body.server().substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("enrollment token: server '" + body.server() + "' has no port number");
        }
        return new EnrollmentToken(host, port, body.ca(), body.secret());
    }

    /** The text to hand to the client's operator. */
    public String encode() {
        String server = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        try {
            byte[] json = EnrollJson.MAPPER.writeValueAsBytes(new Body(server, caFingerprint, secret));
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a token", e);
        }
    }

    /** What the server stores instead of the secret: SHA-256 hex of its bytes. */
    public String secretHash() {
        return hashSecret(secret);
    }

    /** SHA-256 hex of a secret as sent in an enrollment request; refuses anything not shaped like one. */
    public static String hashSecret(String secret) {
        return Fingerprints.sha256(secretBytes(secret));
    }

    /** Never prints the secret: tokens end up in logs through toString otherwise. */
    @Override
    public String toString() {
        return "EnrollmentToken[server=" + host + ":" + port + ", ca=" + caFingerprint + ", secret=MASKED]";
    }

    private static byte[] secretBytes(String secret) {
        byte[] bytes;
        try {
            bytes = secret == null ? new byte[0] : Base64.getUrlDecoder().decode(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("token secret is not base64url", e);
        }
        if (bytes.length != SECRET_BYTES) {
            throw new IllegalArgumentException("token secret must be " + SECRET_BYTES + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    record Body(String server, String ca, String secret) {
    }
}
