package io.usp.admin.limits;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.usp.admin.AdminSettings;
import io.usp.admin.AdminTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The slow-body attack: one address opens many POSTs that announce a large body and send one
 * byte of it. Its connections past the cap are closed at once, the others once the request bound
 * passes, and meanwhile {@code /health} and a login from another address answer promptly.
 */
class SlowRequestAttackTest {

    private static final int CAP = 8;
    private static final Duration BOUND = Duration.ofSeconds(1);
    /** More than Jetty's thread pool could hold if each took a thread, as they did before the limits. */
    private static final int ATTACKS = 300;
    /** Generous for a loaded build machine; without the limits the answer never comes while the attack lasts. */
    private static final Duration PROMPT = Duration.ofSeconds(10);
    private static final byte[] SLOW_POST = ("POST /login HTTP/1.1\r\nHost: admin\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nc")
            .getBytes(StandardCharsets.US_ASCII);

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger refusalLog = (Logger) LoggerFactory.getLogger(RefusalLog.class);
    private final List<Socket> attack = new ArrayList<>();
    private AdminTestServer admin;

    @BeforeEach
    void start() {
        logged.start();
        refusalLog.addAppender(logged);
        admin = new AdminTestServer(new AdminSettings("127.0.0.1", 0, Optional.empty(), CAP, BOUND));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : attack) {
            socket.close();
        }
        admin.close();
        refusalLog.detachAppender(logged);
    }

    @Test
    void oneSlowAddressCannotStarveHealthOrLoginAndItsConnectionsCloseWithinTheBound() throws IOException {
        // the client's first request loads classes and opens its pool: not part of what is measured
        assertThat(admin.request("GET", "/health").statusCode()).isEqualTo(200);
        List<Socket> open = new ArrayList<>();
        for (int i = 0; i < ATTACKS; i++) {
            Socket socket = slowPostFrom(attacker());
            if (socket != null) {
                open.add(socket);
            }
        }
        long lastSent = System.nanoTime();

        assertThat(CompletableFuture.supplyAsync(() -> admin.request("GET", "/health").statusCode()))
                .as("/health from 127.0.0.1 while %d slow requests from 127.0.0.2 are open", ATTACKS)
                .succeedsWithin(PROMPT).isEqualTo(200);
        assertThat(CompletableFuture.supplyAsync(admin::login))
                .as("a login from 127.0.0.1 while %d slow requests from 127.0.0.2 are open", ATTACKS)
                .succeedsWithin(PROMPT).isNotNull();

        // the idle timeout (30 s) is far past this wait: only the request bound and the cap close them
        long deadline = lastSent + BOUND.plusSeconds(3).toNanos();
        List<Integer> stillOpen = new ArrayList<>();
        for (int i = 0; i < open.size(); i++) {
            if (!closedByServerBefore(open.get(i), deadline)) {
                stillOpen.add(i);
            }
        }
        assertThat(stillOpen).as("slow connections still open %s after the last was opened (bound %s)",
                BOUND.plusSeconds(3), BOUND).isEmpty();
        assertThat(open.size()).as("connections the cap let through or Jetty accepted before closing")
                .isGreaterThanOrEqualTo(CAP);
        // the test clock stands still: one interval, so one line per reason
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(line -> line.contains("127.0.0.2"))
                .hasSize(2)
                .anyMatch(line -> line.contains(Refusal.TOO_MANY_CONNECTIONS.text()))
                .anyMatch(line -> line.contains(Refusal.REQUEST_TOO_SLOW.text()));
    }

    /** A POST that announces 100 000 bytes and sends one; null when the server refused it already. */
    private Socket slowPostFrom(InetAddress from) throws IOException {
        Socket socket = new Socket();
        attack.add(socket);
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", admin.server.port()));
        try {
            socket.getOutputStream().write(SLOW_POST);
            socket.getOutputStream().flush();
            return socket;
        } catch (SocketException refusedAtOnce) {
            return null;
        }
    }

    /** True once the server closed or reset the connection, false if it is still open at {@code deadline}. */
    private static boolean closedByServerBefore(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            while (true) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                socket.setSoTimeout((int) left);
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            if (String.valueOf(e.getMessage()).contains("reset")) {
                return true;
            }
            throw e;
        }
    }

    private static InetAddress attacker() {
        try {
            return InetAddress.getByName("127.0.0.2");
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }
}
