package io.usp.protocol.enroll;

import java.util.Arrays;
import java.util.Optional;

/** Why the server refused an enrollment or renewal: the {@code error} of the JSON answer and its HTTP status. */
public enum EnrollRefusal {
    /** Not a POST of a JSON body of the right shape to a known path. */
    BAD_REQUEST("bad-request", 400),
    /** No path of that name. */
    NOT_FOUND("not-found", 404),
    /** The request is larger than {@code Protocol.MAX_ENROLL_REQUEST}. */
    TOO_LARGE("too-large", 413),
    /** The CSR is not readable PEM PKCS#10, or its signature does not verify. */
    BAD_CSR("bad-csr", 400),
    /** The CSR's key is weaker than EC P-256 or RSA 2048. */
    WEAK_KEY("weak-key", 400),
    /** No token with that secret was ever issued. */
    TOKEN_UNKNOWN("token-unknown", 403),
    /** The token was used already; tokens are single-use. */
    TOKEN_USED("token-used", 403),
    /** The token expired; an admin makes a new one. */
    TOKEN_EXPIRED("token-expired", 403),
    /** The client was revoked after the token was made. */
    TOKEN_REVOKED("token-revoked", 403),
    /** {@code /renew} without a client certificate. */
    CERTIFICATE_REQUIRED("certificate-required", 401),
    /** {@code /renew} with the certificate of a revoked client. */
    CLIENT_REVOKED("client-revoked", 403),
    /** The server could not finish (e.g. its store failed); try again later. */
    UNAVAILABLE("unavailable", 503);

    private final String wireName;
    private final int status;

    EnrollRefusal(String wireName, int status) {
        this.wireName = wireName;
        this.status = status;
    }

    public String wireName() {
        return wireName;
    }

    public int status() {
        return status;
    }

    public static Optional<EnrollRefusal> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
