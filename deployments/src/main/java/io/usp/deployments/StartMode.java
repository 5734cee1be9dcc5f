package io.usp.deployments;

/** Whether a deployment's listener starts with the server (and on creation) or only when an admin starts it. */
public enum StartMode {
    AUTO,
    MANUAL;

    /** As written in YAML and JSON: {@code auto}, {@code manual}. */
    public String label() {
        return name().toLowerCase();
    }

    public static StartMode parse(String text) {
        return switch (text) {
            case "auto" -> AUTO;
            case "manual" -> MANUAL;
            default -> throw new IllegalArgumentException("'" + text + "' is neither auto nor manual");
        };
    }
}
