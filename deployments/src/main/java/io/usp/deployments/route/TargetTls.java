package io.usp.deployments.route;

import java.util.Optional;

/**
 * How an FTP session break speaks to its target: plain FTP, or FTPS (explicit with
 * {@code AUTH TLS}, or implicit) checking the target's certificate against {@code ca} and its
 * name against the target's host. {@code ca} is a PEM file, absolute or relative to the
 * server's working folder; empty: the JVM's trusted authorities.
 */
public record TargetTls(FtpSettings.Tls mode, Optional<String> ca) {

    public static final TargetTls OFF = new TargetTls(FtpSettings.Tls.OFF, Optional.empty());

    public TargetTls {
        if (mode == FtpSettings.Tls.OFF && ca.isPresent()) {
            throw new IllegalArgumentException("ca is only for tls explicit or implicit");
        }
        ca.ifPresent(file -> {
            if (file.isBlank()) {
                throw new IllegalArgumentException("ca must name a PEM file");
            }
        });
    }

    public boolean on() {
        return mode != FtpSettings.Tls.OFF;
    }
}
