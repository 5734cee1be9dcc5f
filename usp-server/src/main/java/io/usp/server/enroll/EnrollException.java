package io.usp.server.enroll;

import io.usp.protocol.enroll.EnrollRefusal;

/** An enrollment or renewal the server refuses, with the typed reason the client gets. */
final class EnrollException extends Exception {

    private final EnrollRefusal refusal;

    EnrollException(EnrollRefusal refusal, String message) {
        super(message);
        this.refusal = refusal;
    }

    EnrollRefusal refusal() {
        return refusal;
    }
}
