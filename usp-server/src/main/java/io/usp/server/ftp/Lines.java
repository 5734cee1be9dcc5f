package io.usp.server.ftp;

/** Text of a partner's or server's line as it may appear in a log: printable, cut short. */
final class Lines {

    private Lines() {
    }

    static String printable(String line) {
        String cut = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
