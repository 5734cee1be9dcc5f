package io.usp.admin.limits;

/** Why the admin server dropped a connection from one address. */
public enum Refusal {
    /** The address already had {@code admin.maxConnectionsPerIp} connections open. */
    TOO_MANY_CONNECTIONS("too many connections open from this address (admin.maxConnectionsPerIp)"),
    /** A request's headers or body did not arrive within {@code admin.requestTimeout}. */
    REQUEST_TOO_SLOW("request not received within admin.requestTimeout");

    private final String text;

    Refusal(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
