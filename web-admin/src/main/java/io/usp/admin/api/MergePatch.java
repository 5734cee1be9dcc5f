package io.usp.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON merge patch (RFC 7396) over Jackson's tree, which has none of its own: a member set to
 * {@code null} is removed, an object merges into the object it replaces, anything else (a list
 * included) replaces what was there. Neither argument is changed.
 */
final class MergePatch {

    private MergePatch() {
    }

    /** {@code target} with {@code patch} applied; {@code target} may be null (nothing there yet). */
    static JsonNode apply(JsonNode target, JsonNode patch) {
        return merge(target == null ? null : target.deepCopy(), patch);
    }

    // RFC 7396 section 2, over a target that is already a copy and may be changed in place
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode out = target != null && target.isObject()
                ? (ObjectNode) target : JsonNodeFactory.instance.objectNode();
        patch.properties().forEach(member -> {
            if (member.getValue().isNull()) {
                out.remove(member.getKey());
            } else {
                out.set(member.getKey(), merge(out.get(member.getKey()), member.getValue()));
            }
        });
        return out;
    }
}
