package io.usp.admin;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An HTTP client that aborts its request halfway (a TCP RST in the middle of the body) is no
 * fault of the server: at most one DEBUG line, never a warning with a stack trace.
 */
class AbortedRequestTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger adminLog = (Logger) LoggerFactory.getLogger(AdminServer.class);
    private AdminTestServer admin;

    @BeforeEach
    void start() {
        adminLog.setLevel(Level.DEBUG);
        appender.start();
        root.addAppender(appender);
        admin = new AdminTestServer();
    }

    @AfterEach
    void stop() {
        admin.close();
        root.detachAppender(appender);
        appender.stop();
        adminLog.setLevel(null);
    }

    @Test
    void aRequestAbortedMidBodyIsOneDebugLine() throws Exception {
        String token = admin.token();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), admin.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/v1/deployments/half HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"name\":\"ha")
                    .getBytes(US_ASCII));
            out.flush();
            socket.setSoLinger(true, 0);
        }

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (events().stream().noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
                || e.getLoggerName().equals(AdminServer.class.getName()) && e.getLevel() == Level.DEBUG)) {
            assertThat(System.nanoTime()).as("a log line about the aborted request").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(events()).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
        assertThat(events()).filteredOn(e -> e.getLoggerName().equals(AdminServer.class.getName())
                && e.getLevel() == Level.DEBUG).singleElement()
                .satisfies(e -> assertThat(e.getThrowableProxy()).as("no stack trace").isNull());
    }

    private List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }
}
