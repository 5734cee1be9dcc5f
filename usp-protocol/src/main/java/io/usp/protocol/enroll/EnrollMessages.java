package io.usp.protocol.enroll;

/** The JSON bodies of {@code usp-enroll/1}; see docs/protocol.md, "Enrollment and renewal". */
public final class EnrollMessages {

    private EnrollMessages() {
    }

    /** {@code POST /enroll}: the token's secret and a PEM PKCS#10 request. */
    public record EnrollRequest(String token, String csr) {

        /** Never prints the secret. */
        @Override
        public String toString() {
            return "EnrollRequest[token=MASKED, csr=" + (csr == null ? 0 : csr.length()) + " chars]";
        }
    }

    /** {@code POST /renew}: a PEM PKCS#10 request; the client is known by its TLS certificate. */
    public record RenewRequest(String csr) {
    }

    /**
     * The answer to both: the name the certificate was issued to, the certificate and the CA (PEM),
     * and when the certificate expires (ISO-8601).
     */
    public record Issued(String name, String certificate, String ca, String notAfter) {
    }

    /** A refusal: {@code error} is an {@link EnrollRefusal} wire name, {@code message} says more. */
    public record Refused(String error, String message) {
    }
}
