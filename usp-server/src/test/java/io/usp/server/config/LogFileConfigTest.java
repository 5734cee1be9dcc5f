package io.usp.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.status.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's logback-file.xml: a file in usp.log.dir that rolls and is capped by the documented properties. */
class LogFileConfigTest {

    @TempDir
    Path dir;

    @Test
    void theFileConfigurationRollsAndCapsItsFilesInTheGivenFolder() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("usp.log.dir", dir.toString());
        context.putProperty("usp.log.maxFileSize", "5MB");
        context.putProperty("usp.log.totalSizeCap", "50MB");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback-file.xml"));
        try {
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .filteredOn(s -> s.getLevel() >= Status.WARN).isEmpty();
            var appender = (RollingFileAppender<ILoggingEvent>) context.getLogger("ROOT").getAppender("FILE");
            assertThat(Path.of(appender.getFile())).isEqualTo(dir.resolve("usp-server.log"));
            var policy = (SizeAndTimeBasedRollingPolicy<?>) appender.getRollingPolicy();
            assertThat(policy.getFileNamePattern()).isEqualTo(dir + "/usp-server.%d{yyyy-MM-dd,UTC}.%i.log.gz");
            assertThat(policy.getMaxHistory()).isEqualTo(14);
            assertThat(appender.getTriggeringPolicy()).isSameAs(policy);
            assertThat(policy.getTimeBasedFileNamingAndTriggeringPolicy().getClass().getSimpleName())
                    .as("rolls at a size as well as daily").startsWith("SizeAndTimeBased");
            context.getLogger("usp.connections").info("refused deployment=web partner=192.0.2.1 count=7");
        } finally {
            context.stop();
        }
        assertThat(Files.readString(dir.resolve("usp-server.log")))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  connections - "
                        + "refused deployment=web partner=192.0.2.1 count=7\\n");
    }
}
