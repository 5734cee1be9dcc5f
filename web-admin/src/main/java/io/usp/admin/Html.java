package io.usp.admin;

/**
 * Escaping for everything a page prints. Names, addresses, bind errors, audit JSON and history
 * details come from admins, partners and the network, so no value reaches a page unescaped.
 */
public final class Html {

    private Html() {
    }

    /** Safe in element content and in a double- or single-quoted attribute; null prints nothing. */
    public static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Text made fit for an id that also works unescaped in a CSS selector: anything but letters,
     * digits, '_' and '-' becomes '-' (so {@code listener.port} becomes {@code listener-port}).
     */
    public static String idPart(String text) {
        return text.replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
