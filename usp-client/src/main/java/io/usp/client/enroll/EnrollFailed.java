package io.usp.client.enroll;

import io.usp.protocol.enroll.EnrollRefusal;
import java.util.Optional;

/** Enrollment or renewal did not work; {@link #refusal()} says why when the server refused it. */
public final class EnrollFailed extends Exception {

    private final Optional<EnrollRefusal> refusal;

    public EnrollFailed(String message, Optional<EnrollRefusal> refusal, Throwable cause) {
        super(message, cause);
        this.refusal = refusal;
    }

    public EnrollFailed(String message) {
        this(message, Optional.empty(), null);
    }

    public Optional<EnrollRefusal> refusal() {
        return refusal;
    }
}
