package io.usp.server.ftp;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.usp.deployments.Target;
import io.usp.deployments.route.FtpSettings;
import io.usp.protocol.relay.ByteCounts;
import io.usp.protocol.relay.EarlyInput;
import io.usp.protocol.relay.Relay;
import io.usp.protocol.relay.RelayEnd;
import io.usp.protocol.relay.SocketEnd;
import io.usp.protocol.relay.TlsEnd;
import io.usp.protocol.tls.TlsFailure;
import io.usp.server.dispatch.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One partner's FTP session broken at the DMZ: the partner's control connection ends here, and
 * a second one goes on to the inside server. Commands pass one at a time; the inside server's
 * replies come back, except those to the session's own {@code PASV}. Data connections always
 * run passive toward the inside (nothing inside accepts a connection from outside), and as the
 * partner asks toward it: on a DMZ passive port, or out to its own address. Everything runs on
 * the partner's event loop.
 */
public final class FtpSession implements ByteCounts {

    /** Commands that change the inside server's files: refused with {@code readOnly}. */
    static final Set<String> WRITES = Set.of("STOR", "STOU", "APPE", "DELE", "RNFR", "RNTO", "MKD", "XMKD", "RMD",
            "XRMD", "SITE");
    static final Set<String> TRANSFERS = Set.of("RETR", "STOR", "STOU", "APPE", "LIST", "NLST", "MLSD");
    /** Commands queued from one read beyond this end the session: no partner floods the inside. */
    static final int MAX_QUEUED = 100;
    static final Duration PASSIVE_WAIT = Duration.ofSeconds(30);

    private enum Waiting { NOTHING, REPLY, PASSIVE, ACTIVE, TARGET_TLS }

    private final Channel partner;
    private final Target target;
    private final FtpSettings settings;
    private final PassivePorts ports;
    private final Optional<SslContext> tls;
    private final TargetTlsSteps targetSteps;
    private final InsideControl control;
    private final DataTlsOrder dataTls;
    private final SessionHost host;
    private final Clock clock;
    private final ArrayDeque<String> queued = new ArrayDeque<>();
    private Waiting waiting = Waiting.REPLY; // the inside server's greeting
    private boolean greeted;
    private boolean quitting;
    private boolean tlsActive;
    private boolean protectData;
    private boolean ended;
    private String endReason = "the partner closed the session";
    private volatile long fromPartner;
    private volatile long toPartner;
    private String user = "";
    private DataPlan plan;
    private TransferRun transfer;

    private FtpSession(Channel partner, RelayEnd inside, Target target, FtpResources resources, SessionHost host,
                       Clock clock) {
        this.partner = partner;
        this.target = target;
        this.settings = resources.settings();
        this.ports = resources.ports();
        this.tls = resources.tls();
        this.control = new InsideControl(inside, target, resources.toTarget());
        this.dataTls = new DataTlsOrder(partner.eventLoop());
        this.targetSteps = TargetTlsSteps.of(resources.targetTls().mode());
        this.host = host;
        this.clock = clock;
        this.tlsActive = settings.tls() == FtpSettings.Tls.IMPLICIT;
    }

    /**
     * Starts the session on a partner connection whose inside control connection is up: the
     * control handlers join both pipelines, and what either side sent early is read by them
     * (with implicit FTPS toward the target, TLS starts first). The session ends when the
     * partner's control connection closes.
     */
    public static FtpSession start(Channel partner, RelayEnd inside, Target target, FtpResources resources,
                                   SessionHost host, Clock clock) {
        FtpSession session = new FtpSession(partner, inside, target, resources, host, clock);
        partner.pipeline().addLast("ftp-lines", PartnerControl.lines()).addLast("ftp-control",
                new PartnerControl(session));
        if (partner.pipeline().get(EarlyInput.class) != null) {
            partner.pipeline().remove(EarlyInput.class); // hands on what came before the session
        }
        session.control.join(session, resources.targetTls().mode() == FtpSettings.Tls.IMPLICIT);
        return session;
    }

    /** When the partner's control connection has closed: {@code closed} gets the session's bytes (all its transfers). */
    public void ended(Instant accepted, Consumer<Relay.Outcome> closed) {
        partner.closeFuture().addListener(f -> onLoop(() -> {
            end();
            closed.accept(new Relay.Outcome(fromPartner, toPartner, Duration.between(accepted, clock.instant()),
                    endReason));
        }));
    }

    /** Bytes of the session's finished transfers, from the partner. */
    @Override
    public long bytesFromFirst() {
        return fromPartner;
    }

    /** Bytes of the session's finished transfers, to the partner. */
    @Override
    public long bytesFromSecond() {
        return toPartner;
    }

    // ---- events, each on the partner's loop

    void command(String line) {
        if (ended) {
            return;
        }
        queued.add(line);
        if (queued.size() > MAX_QUEUED) {
            fail("sent over " + MAX_QUEUED + " commands without waiting for replies", 421, "Too many commands at once");
            return;
        }
        next();
    }

    void reply(FtpReply reply) {
        if (ended) {
            return;
        }
        switch (waiting) {
            case REPLY -> forwarded(reply);
            case PASSIVE, ACTIVE -> insidePassive(reply);
            case TARGET_TLS -> targetTlsStep(reply);
            default -> host.refused("inside reply", "unasked reply from the inside server: " + reply.code() + " "
                    + Lines.printable(reply.text()));
        }
    }

    void partnerMalformed(String why) {
        fail(why, 500, "Command line too long or malformed");
    }

    /** The deployment's idle timeout passed on the control connection; a transfer going on keeps it open. */
    void idle() {
        if (transfer == null && !ended) {
            fail("was idle for the deployment's idle timeout", 421, "Idle timeout, closing the control connection");
        }
    }

    /** Ended from outside (an admin, a stopped listener): the partner is told, the inside session closed. */
    void abort(String reason) {
        if (!ended) {
            endReason = reason;
            answer(421, "Service not available, closing the control connection");
            end();
        }
    }

    void partnerGone() {
        end();
    }

    void insideGone(String why) {
        if (!ended && quitting) {
            end();
        } else if (!ended) {
            host.refused("inside control", why);
            endReason = why;
            answer(421, "Service not available, the internal server closed the connection");
            end();
        }
    }

    // ---- commands

    private void next() {
        while (waiting == Waiting.NOTHING && !ended && !queued.isEmpty()) {
            handle(queued.poll());
        }
        if (waiting == Waiting.NOTHING && !ended && queued.isEmpty()) {
            partner.read();
        }
    }

    private void handle(String line) {
        Optional<FtpCommand> parsed = FtpCommand.parse(line);
        if (parsed.isEmpty()) {
            answer(500, "Syntax error, command unrecognized");
            return;
        }
        FtpCommand c = parsed.get();
        String verb = c.verb();
        if (settings.tls() == FtpSettings.Tls.EXPLICIT && !tlsActive && (verb.equals("USER") || verb.equals("PASS"))) {
            host.refused("login before AUTH TLS", "partner " + Addresses.text(partner.remoteAddress()) + " sent " + verb + " in clear");
            answer(530, "Log in with AUTH TLS first");
            return;
        }
        switch (verb) {
            case "AUTH" -> auth(c.argument());
            case "CCC", "REIN" -> answer(502, verb + " is not supported here: the session keeps its TLS and login");
            case "PBSZ" -> answer(tlsActive ? 200 : 503, tlsActive ? "PBSZ=0" : "AUTH TLS first");
            case "PROT" -> prot(c.argument());
            case "PASV", "EPSV" -> passive(c);
            case "PORT", "EPRT" -> active(c);
            default -> {
                if (settings.readOnly() && WRITES.contains(verb) || settings.deniedCommands().contains(verb)) {
                    host.refused("command", "partner " + Addresses.text(partner.remoteAddress()) + ": " + verb + " refused"
                            + (settings.readOnly() && WRITES.contains(verb) ? " (read-only)" : " (denied)"));
                    answer(550, verb + " is not allowed here");
                } else if (TRANSFERS.contains(verb)) {
                    transfer(c);
                } else {
                    if (verb.equals("USER")) {
                        user = Lines.printable(c.argument());
                    }
                    if (verb.equals("QUIT")) {
                        quitting = true; // the target closes after its 221, as it should
                        endReason = "the partner quit";
                    }
                    forward(c);
                }
            }
        }
    }

    private void auth(String mechanism) {
        String m = mechanism.toUpperCase(Locale.ROOT);
        if (tls.isEmpty() || settings.tls() == FtpSettings.Tls.OFF) {
            answer(502, "TLS is not offered here");
        } else if (tlsActive) {
            answer(503, "TLS is on already");
        } else if (!m.equals("TLS") && !m.equals("SSL") && !m.equals("TLS-C")) {
            answer(504, "AUTH " + Lines.printable(mechanism) + " is not supported, use AUTH TLS");
        } else {
            // the 234 goes out in clear; the handshake follows it
            partner.pipeline().addFirst("tls", new SslHandler(tls.get().newEngine(partner.alloc()), true));
            tlsActive = true;
            answer(234, "AUTH TLS successful");
        }
    }

    private void prot(String level) {
        switch (level.toUpperCase(Locale.ROOT)) {
            case "P" -> {
                protectData = tlsActive;
                answer(tlsActive ? 200 : 503, tlsActive ? "Protection level set to Private" : "AUTH TLS first");
            }
            case "C" -> {
                protectData = false;
                answer(200, "Protection level set to Clear");
            }
            default -> answer(504, "Only PROT P and PROT C are supported");
        }
    }

    private void forward(FtpCommand c) {
        waiting = Waiting.REPLY;
        control.send(c.wire());
    }

    private void forwarded(FtpReply reply) {
        partner.writeAndFlush(text(reply.wire()));
        if (reply.preliminary()) {
            if (transfer != null && plan != null) {
                plan.commandAnswered(); // the target opens the data connection now
            }
            return; // the final reply follows
        }
        if (!greeted) {
            greeted = true;
            if (reply.code() == 220 && targetSteps.pending()) {
                waiting = Waiting.TARGET_TLS; // the partner's commands wait until the target speaks FTPS
                control.send(targetSteps.next());
                return;
            }
        }
        waiting = Waiting.NOTHING;
        if (transfer != null) {
            TransferRun done = transfer;
            transfer = null;
            plan = null; // one data connection per PASV or PORT
            done.replied(reply);
        }
        next();
    }

    /** A reply to the session's own AUTH TLS, PBSZ or PROT toward the target: anything unexpected ends the session. */
    private void targetTlsStep(FtpReply reply) {
        if (reply.preliminary()) {
            return;
        }
        Optional<String> refused = targetSteps.refusal(reply);
        if (refused.isPresent()) {
            host.refused("target TLS", refused.get());
            endReason = refused.get();
            answer(421, "The internal server refused TLS, closing the control connection");
            end();
            return;
        }
        if (targetSteps.tlsStarts()) {
            control.startTls();
        }
        if (targetSteps.pending()) {
            control.send(targetSteps.next());
        } else {
            waiting = Waiting.NOTHING;
            next();
        }
    }

    // ---- data connections

    private void passive(FtpCommand c) {
        boolean extended = c.verb().equals("EPSV");
        if (extended && c.argument().equalsIgnoreCase("ALL")) {
            answer(200, "EPSV ALL accepted");
            return;
        }
        dropPlan();
        Inet4Address address = host.passiveAddress();
        if (!extended && address == null) {
            answer(522, "Use EPSV: PASV cannot name this server's IPv6 address");
            return;
        }
        OptionalInt port = ports.take();
        if (port.isEmpty()) {
            host.refused("passive port", "all passive ports " + settings.passivePorts() + " are in use");
            answer(425, "No passive port free now, try again later");
            return;
        }
        DataPlan p = DataPlan.passive(port.getAsInt(), extended);
        plan = p;
        waiting = Waiting.PASSIVE;
        host.listen(p.port, data -> onLoop(() -> passiveConnection(p, data)), server -> onLoop(() -> {
            p.server = server;
            if (plan != p) {
                server.close();
            }
        }), error -> onLoop(() -> {
            ports.release(p.port);
            p.released = true;
            if (plan == p) {
                plan = null;
                host.refused("passive port", "cannot listen on port " + p.port + ": " + error.getMessage());
            }
        }));
        partner.eventLoop().schedule(() -> {
            if (p.data == null) {
                p.close(ports);
            }
        }, PASSIVE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        control.send("PASV\r\n");
    }

    private void active(FtpCommand c) {
        Optional<InetSocketAddress> address = c.verb().equals("PORT") ? DataAddresses.six(c.argument())
                : DataAddresses.eprt(c.argument());
        if (address.isEmpty()) {
            answer(501, "Syntax error in " + c.verb() + " argument");
            return;
        }
        InetAddress own = ((InetSocketAddress) partner.remoteAddress()).getAddress();
        if (!address.get().getAddress().equals(own)) {
            host.refused("bounce", "partner " + Addresses.text(partner.remoteAddress()) + " asked for a data connection to "
                    + Addresses.text(address.get()) + ", not its own address");
            answer(504, c.verb() + " must name your own address");
            return;
        }
        dropPlan();
        plan = DataPlan.active(address.get(), c.verb().equals("EPRT"));
        waiting = Waiting.ACTIVE;
        control.send("PASV\r\n");
    }

    private void insidePassive(FtpReply reply) {
        Waiting was = waiting;
        waiting = Waiting.NOTHING;
        Optional<InetSocketAddress> inner = reply.code() == 227 ? DataAddresses.six(reply.text()) : Optional.empty();
        if (inner.isEmpty() || plan == null) {
            host.refused("inside passive mode", "the inside server answered PASV with " + reply.code() + " "
                    + Lines.printable(reply.text()));
            dropPlan();
            answer(425, "The internal server cannot open a data connection");
        } else {
            // the inside server's port, on the host the session reached: never an address it names
            plan.inside = new Target(target.host(), inner.get().getPort());
            if (was == Waiting.ACTIVE) {
                answer(200, plan.extended ? "EPRT command successful" : "PORT command successful");
            } else if (plan.extended) {
                answer(229, DataAddresses.epsv(plan.port));
            } else {
                answer(227, DataAddresses.pasv(host.passiveAddress(), plan.port));
            }
        }
        next();
    }

    private void transfer(FtpCommand c) {
        DataPlan p = plan;
        if (p == null || p.inside == null) {
            answer(425, "Use PASV, EPSV, PORT or EPRT first");
            return;
        }
        transfer = new TransferRun(user, c.verb(), Lines.printable(c.argument()), clock, this::transferred);
        p.transfer = transfer;
        forward(c);
        if (p.active != null) {
            host.connectOut(p.active, data -> onLoop(() -> dataConnected(p, data)), error -> onLoop(() -> {
                host.refused("active data connection", "cannot connect to " + p.active + ": " + error.getMessage());
                p.transfer.dataEnded(0, 0);
            }));
        }
    }

    private void passiveConnection(DataPlan p, Channel data) {
        InetAddress from = ((InetSocketAddress) data.remoteAddress()).getAddress();
        InetAddress own = ((InetSocketAddress) partner.remoteAddress()).getAddress();
        if (!from.equals(own) || p.data != null || ended) {
            host.refused("passive port theft", Addresses.text(data.remoteAddress()) + " connected to passive port " + p.port
                    + " held for partner " + Addresses.text(partner.remoteAddress()));
            data.close();
            return;
        }
        p.data = data;
        if (p.server != null) {
            p.server.close(); // one data connection per passive port
        }
        ports.release(p.port);
        p.released = true;
        dataConnected(p, data);
    }

    private void dataConnected(DataPlan p, Channel data) {
        RelayEnd near = protectData
                ? TlsEnd.over(SocketEnd.of("partner-data", data), new SslHandler(tls.orElseThrow().newEngine(data.alloc())))
                : SocketEnd.of("partner-data", data);
        if (data.pipeline().get(EarlyInput.class) == null) {
            data.pipeline().addLast(new EarlyInput()); // an accepted passive connection; an active one has it
        }
        Instant started = clock.instant();
        host.reach(data, p.inside, far -> onLoop(() -> {
            if (!control.tls()) {
                relay(p, near, far, started);
                return;
            }
            // after the target's 1xx to the transfer command, as FTPS clients do: some servers
            // (pyftpdlib before 1.5.8) drop a data connection whose handshake comes first; and
            // after the data connection before has closed, with the session ticket it brought
            p.startTargetTls(() -> dataTls.next(far.channel(), () -> {
                TlsEnd secured = TlsEnd.over(far, control.tlsHandler(far.channel()));
                far.channel().read(); // the handshake reads; what follows it waits for the relay
                secured.ssl().handshakeFuture().addListener(handshake -> onLoop(() -> {
                    if (handshake.isSuccess()) {
                        relay(p, near, secured, started);
                    } else {
                        far.abort();
                        dataRefused(p, data, "TLS with the target failed: " + TlsFailure.messages(handshake.cause()));
                    }
                }));
            }));
        }), (reason, detail) -> onLoop(() -> dataRefused(p, data, reason + ": " + detail)));
    }

    private void relay(DataPlan p, RelayEnd near, RelayEnd far, Instant started) {
        Relay.start(near, far, clock, started, outcome -> onLoop(() -> {
            if (p.transfer != null) {
                p.transfer.dataEnded(outcome.bytesFromSecond(), outcome.bytesFromFirst());
            }
        }));
    }

    private void dataRefused(DataPlan p, Channel data, String why) {
        host.refused("inside data connection", why);
        data.close();
        if (p.transfer != null) {
            p.transfer.dataEnded(0, 0);
        }
    }

    private void transferred(Transfer t) {
        fromPartner += t.fromPartner();
        toPartner += t.toPartner();
        host.transferred(t);
    }

    private void dropPlan() {
        if (plan != null && plan.data == null) {
            plan.close(ports);
        }
        plan = null;
    }

    // ---- the end

    private void fail(String why, int code, String text) {
        host.refused("session", "partner " + Addresses.text(partner.remoteAddress()) + " " + why);
        endReason = why;
        answer(code, text);
        end();
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        queued.clear();
        dropPlan();
        partner.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        control.close();
    }

    private void answer(int code, String text) {
        partner.writeAndFlush(text(FtpReply.of(code, text).wire()));
    }

    private static io.netty.buffer.ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    void onPartnerLoop(Runnable task) {
        onLoop(task);
    }

    private void onLoop(Runnable task) {
        if (partner.eventLoop().inEventLoop()) {
            task.run();
        } else {
            partner.eventLoop().execute(task);
        }
    }
}
