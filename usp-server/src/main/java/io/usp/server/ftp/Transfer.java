package io.usp.server.ftp;

import java.time.Duration;

/**
 * One data transfer of a session, for the audit trail.
 *
 * @param toPartner bytes from the inside server to the partner (RETR, LIST)
 * @param fromPartner bytes from the partner to the inside server (STOR, APPE)
 * @param reply the inside server's final reply, e.g. {@code 226 Transfer complete}
 */
public record Transfer(String user, String command, String path, long toPartner, long fromPartner,
                       Duration duration, String reply, boolean ok) {

    /** The words of the log line and the history row. */
    public String detail() {
        return "user=" + (user.isEmpty() ? "-" : user) + " " + command + (path.isEmpty() ? "" : " " + path)
                + " -> " + reply;
    }
}
