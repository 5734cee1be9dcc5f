package io.usp.protocol;

import io.netty.util.AsciiString;

/**
 * Every name and number of the tunnel wire protocol, in one place. A peer that does not offer
 * {@link #ALPN} fails the TLS handshake at once; see docs/protocol.md.
 */
public final class Protocol {

    /** ALPN protocol id: protocol name and version. Bump the version on any incompatible change. */
    public static final String ALPN = "usp/1";

    /**
     * ALPN protocol id of enrollment and renewal on the tunnel port: one HTTP/1.1 request
     * ({@link #ENROLL_PATH} or {@link #RENEW_PATH}, JSON), one answer, then the server closes. A
     * client without a certificate may use it; see docs/enrollment.md.
     */
    public static final String ENROLL_ALPN = "usp-enroll/1";
    /** {@code POST}: a one-time token and a certificate request, without a client certificate. */
    public static final String ENROLL_PATH = "/enroll";
    /** {@code POST}: a certificate request, authenticated by the client's current certificate. */
    public static final String RENEW_PATH = "/renew";
    /** Largest enrollment request the server reads (a CSR is about 500 bytes of PEM). */
    public static final int MAX_ENROLL_REQUEST = 16 * 1024;

    /** Request header naming the deployment a stream belongs to (for the client's logs). */
    public static final AsciiString DEPLOYMENT_HEADER = AsciiString.cached("usp-deployment");
    /** Request header carrying the partner's address as {@code ip:port}. */
    public static final AsciiString PARTNER_HEADER = AsciiString.cached("usp-partner");
    /**
     * Request header with CIDRs, comma-separated: the client connects only if the target's name
     * resolves into one of them (a collection rule's {@code cidrs}, checked where the name is
     * resolved); otherwise it answers {@code not-allowed}. Absent: no such condition.
     */
    public static final AsciiString REQUIRED_CIDRS_HEADER = AsciiString.cached("usp-required-cidrs");
    /** Response header carrying a {@link StreamError} name when the client refuses a stream. */
    public static final AsciiString ERROR_HEADER = AsciiString.cached("usp-error");

    /** Largest header block either side accepts; a larger one is refused. */
    public static final int MAX_HEADER_LIST_SIZE = 8 * 1024;

    private Protocol() {
    }
}
