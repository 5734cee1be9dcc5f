package io.usp.deployments.store;

/**
 * A change the store refuses, typed so the admin API can answer with the right status:
 * {@link Kind#NOT_FOUND} 404, {@link Kind#CONFLICT} 409, {@link Kind#INVALID} 400.
 *
 * @see #field() the field of the entry the problem is in, e.g. {@code listener.port}; null for the whole entry
 */
public final class StoreException extends RuntimeException {

    public enum Kind { NOT_FOUND, CONFLICT, INVALID }

    private final Kind kind;
    private final String field;

    public StoreException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    public static StoreException notFound(String what) {
        return new StoreException(Kind.NOT_FOUND, null, "no " + what);
    }
}
