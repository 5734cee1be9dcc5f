package io.usp.deployments.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usp.deployments.Cidr;
import io.usp.deployments.FilterAction;
import java.util.Arrays;
import java.util.List;

/** Rule lists as the database keeps them: a JSON array of CIDR text, e.g. {@code ["10.0.0.0/8","2001:db8::/32"]}. */
final class Rules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Rules() {
    }

    static String write(List<Cidr> rules) {
        try {
            return JSON.writeValueAsString(rules.stream().map(Cidr::toString).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a list of strings always writes
        }
    }

    static List<Cidr> read(String json) {
        try {
            return Arrays.stream(JSON.readValue(json, String[].class)).map(Cidr::parse).toList();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("stored rules are not a JSON array of CIDRs: " + json, e);
        }
    }

    static String action(FilterAction action) {
        return action == FilterAction.ALLOW ? "allow" : "block";
    }

    static FilterAction action(String text) {
        return switch (text) {
            case "allow" -> FilterAction.ALLOW;
            case "block" -> FilterAction.BLOCK;
            default -> throw new IllegalStateException("stored default action is neither allow nor block: " + text);
        };
    }
}
