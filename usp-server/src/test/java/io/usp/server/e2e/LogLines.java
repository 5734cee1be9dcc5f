package io.usp.server.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what one logger writes while a test runs, e.g. the per-connection lines. */
final class LogLines implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogLines(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    /** The per-connection log of the server (see {@code ConnectionLog}). */
    static LogLines connections() {
        return new LogLines("usp.connections");
    }

    /** Netty's warnings about exceptions that no handler caught: a clean run has none. */
    static LogLines uncaughtInPipelines() {
        return new LogLines("io.netty.channel.DefaultChannelPipeline");
    }

    List<String> lines() {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    boolean any(String... parts) {
        return count(parts) > 0;
    }

    /** How many lines hold every part. */
    int count(String... parts) {
        return (int) lines().stream().filter(line -> List.of(parts).stream().allMatch(line::contains)).count();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
