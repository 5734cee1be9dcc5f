package io.usp.deployments.route;

import io.usp.deployments.Target;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Mode {@code ftp}: an FTP session break. Partners log in to the DMZ server as they would to
 * {@code target}; it opens its own session there (through {@code client} or directly) and carries
 * the data connections itself, as {@code ftp} says; {@code targetTls} says whether that session
 * speaks FTPS.
 */
public record FtpRoute(Target target, Optional<String> client, FtpSettings ftp, TargetTls targetTls) implements Route {

    public FtpRoute {
        if (ftp == null) {
            throw new IllegalArgumentException("ftp settings are required");
        }
        if (targetTls == null) {
            throw new IllegalArgumentException("targetTls is required (TargetTls.OFF for plain FTP)");
        }
    }

    /** Plain FTP toward the target. */
    public FtpRoute(Target target, Optional<String> client, FtpSettings ftp) {
        this(target, client, ftp, TargetTls.OFF);
    }

    /** The control connection's way in: the same target and client as a {@code tcp} deployment's. */
    public FixedRoute control() {
        return new FixedRoute(target, client);
    }

    @Override
    public Mode mode() {
        return Mode.FTP;
    }

    @Override
    public String summary() {
        return "ftp " + control().summary() + (targetTls.on() ? " (ftps " + targetTls.mode().label() + ")" : "");
    }

    @Override
    public Set<String> clients() {
        return control().clients();
    }

    @Override
    public <T> T fold(Function<FixedRoute, T> fixed, Function<CollectionRoute, T> collection,
                      Function<FtpRoute, T> ftp) {
        return ftp.apply(this);
    }
}
