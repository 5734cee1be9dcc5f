package io.usp.server.listener;

import io.netty.channel.ChannelPipeline;
import io.usp.deployments.route.FtpSettings;
import io.usp.deployments.route.Route;
import java.util.Optional;
import io.usp.server.front.ConnectFront;
import io.usp.server.front.FixedFront;
import io.usp.server.front.FtpFront;
import io.usp.server.front.Front;
import io.usp.server.front.PartnerAuth;
import io.usp.server.front.Socks5Front;

/** The front stage of a route kind, its handlers added to a partner's pipeline. */
final class Fronts {

    private Fronts() {
    }

    /** Adds the route's front before the handler named {@code before}. */
    static Front install(ChannelPipeline pipeline, String before, Route route, LiveListener listener,
                         PartnerAuth auth) {
        return route.fold(fixed -> new FixedFront(fixed.target()), collection -> switch (collection.mode()) {
            case CONNECT -> ConnectFront.install(pipeline, before, auth);
            case SOCKS5 -> Socks5Front.install(pipeline, before, auth);
            case TCP, FTP -> throw new IllegalStateException("a collection's mode is connect or socks5");
        }, ftp -> FtpFront.install(pipeline, ftp.target(), ftp.ftp().tls() == FtpSettings.Tls.IMPLICIT
                ? listener.ftp(ftp).tls() : Optional.empty()));
    }
}
