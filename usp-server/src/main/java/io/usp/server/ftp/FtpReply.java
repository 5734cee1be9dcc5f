package io.usp.server.ftp;

import java.util.List;

/** One FTP reply (RFC 959 §4.2): a three-digit code and one or more lines of text. */
public record FtpReply(int code, List<String> lines) {

    public FtpReply {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("reply code " + code + " is not 100-599");
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    public static FtpReply of(int code, String text) {
        return new FtpReply(code, List.of(text));
    }

    /** 1xx: more replies follow for this command. */
    public boolean preliminary() {
        return code < 200;
    }

    public boolean positive() {
        return code < 400;
    }

    public String text() {
        return String.join(" ", lines);
    }

    /** The reply as it goes on the wire, CRLF after each line. */
    public String wire() {
        if (lines.size() == 1) {
            return code + " " + lines.get(0) + "\r\n";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0) {
                out.append(code).append('-').append(line);
            } else if (i == lines.size() - 1) {
                out.append(code).append(' ').append(line);
            } else {
                out.append(line.matches("^\\d{3}[ -].*") ? " " + line : line); // never mistaken for the last line
            }
            out.append("\r\n");
        }
        return out.toString();
    }
}
