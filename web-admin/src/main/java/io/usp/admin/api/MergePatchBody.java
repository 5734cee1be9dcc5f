package io.usp.admin.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;

/**
 * The body of a PATCH: a JSON merge patch (RFC 7396) object. Its own media type is
 * {@code application/merge-patch+json}; plain {@code application/json} is taken too, as every
 * other call of this API sends it and an object means the same under both. Any other type (a
 * JSON Patch of RFC 6902 among them) is a 415 that lists the two in {@code Accept-Patch}
 * (RFC 5789 section 2.2).
 */
final class MergePatchBody {

    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final Set<String> TAKEN = Set.of(MERGE_PATCH, "application/json");

    private MergePatchBody() {
    }

    static ObjectNode read(Context ctx) {
        String type = ctx.contentType();
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!TAKEN.contains(media)) {
            ctx.header("Accept-Patch", MERGE_PATCH + ", application/json");
            throw new ApiException(415, null, "PATCH takes a JSON merge patch (Content-Type: " + MERGE_PATCH
                    + " or application/json), not " + (type == null ? "a body without one" : "'" + type + "'"));
        }
        return ApiJson.body(ctx);
    }
}
