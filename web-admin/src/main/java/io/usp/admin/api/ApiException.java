package io.usp.admin.api;

/**
 * A request the API refuses before it reaches the store (bad JSON, a bad query parameter),
 * answered as {@code {"error": message, "field": field}} with {@code status}.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String field;

    public ApiException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, field, message);
    }

    public int status() {
        return status;
    }

    /** The field the problem is in, or null. */
    public String field() {
        return field;
    }
}
