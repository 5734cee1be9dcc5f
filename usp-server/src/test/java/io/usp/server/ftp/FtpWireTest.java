package io.usp.server.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.usp.deployments.PortRange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FTP's commands, replies and data addresses as they come off the wire, well-formed and not. */
class FtpWireTest {

    private static EmbeddedChannel replies() {
        return new EmbeddedChannel(new LineBasedFrameDecoder(8192), new FtpReplyDecoder());
    }

    private static void feed(EmbeddedChannel ch, String text) {
        ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    @Test
    void singleAndMultiLineReplies() {
        EmbeddedChannel ch = replies();
        feed(ch, "220 ready\r\n211-Features:\r\n MDTM\r\n211-UTF8\r\n211 End\r\n2");
        assertThat((FtpReply) ch.readInbound()).isEqualTo(FtpReply.of(220, "ready"));
        assertThat((FtpReply) ch.readInbound()).isEqualTo(new FtpReply(211, List.of("Features:", " MDTM", "UTF8", "End")));
        assertThat((Object) ch.readInbound()).isNull();
        feed(ch, "26 done\r\n");
        assertThat((FtpReply) ch.readInbound()).isEqualTo(FtpReply.of(226, "done"));
    }

    @Test
    void aLineThatIsNoReplyFails() {
        EmbeddedChannel ch = replies();
        assertThatThrownBy(() -> feed(ch, "hello\r\n")).isInstanceOf(DecoderException.class)
                .hasMessageContaining("not an FTP reply");
    }

    @Test
    void aReplyWithTooManyLinesFails() {
        EmbeddedChannel ch = replies();
        feed(ch, "211-start\r\n");
        assertThatThrownBy(() -> {
            for (int i = 0; i <= FtpReplyDecoder.MAX_LINES; i++) {
                feed(ch, "line\r\n");
            }
        }).isInstanceOf(DecoderException.class).hasMessageContaining("lines");
    }

    @Test
    void multiLineRepliesGoBackOnTheWireUnambiguously() {
        assertThat(new FtpReply(211, List.of("a", "211 looks final", "end")).wire())
                .isEqualTo("211-a\r\n 211 looks final\r\n211 end\r\n");
        assertThat(FtpReply.of(530, "Log in with AUTH TLS first").wire()).isEqualTo("530 Log in with AUTH TLS first\r\n");
    }

    @Test
    void commands() {
        assertThat(FtpCommand.parse("retr dir/a b.txt")).contains(new FtpCommand("RETR", "dir/a b.txt"));
        assertThat(FtpCommand.parse("PASV")).contains(new FtpCommand("PASV", ""));
        assertThat(FtpCommand.parse("PASS secret").orElseThrow().logged()).isEqualTo("PASS ****");
        assertThat(FtpCommand.parse("RE")).isEmpty();
        assertThat(FtpCommand.parse("RET1 x")).isEmpty();
        assertThat(FtpCommand.parse("")).isEmpty();
    }

    @Test
    void pasvAndPortAddresses() throws Exception {
        assertThat(DataAddresses.six("Entering Passive Mode (10,0,0,5,117,48).")).contains(
                new InetSocketAddress(InetAddress.getByName("10.0.0.5"), 30000));
        assertThat(DataAddresses.six("127,0,0,1,0,21")).contains(new InetSocketAddress("127.0.0.1", 21));
        assertThat(DataAddresses.six("256,0,0,1,0,21")).isEmpty();
        assertThat(DataAddresses.six("127,0,0,1,0,0")).as("port 0").isEmpty();
        assertThat(DataAddresses.six("127,0,0,1")).isEmpty();
        assertThat(DataAddresses.pasv((java.net.Inet4Address) InetAddress.getByName("203.0.113.10"), 30001))
                .isEqualTo("Entering Passive Mode (203,0,113,10,117,49).");
    }

    @Test
    void extendedAddresses() throws Exception {
        assertThat(DataAddresses.eprt("|1|132.235.1.2|6275|")).contains(
                new InetSocketAddress(InetAddress.getByName("132.235.1.2"), 6275));
        assertThat(DataAddresses.eprt("!2!::1!6275!")).contains(new InetSocketAddress(InetAddress.getByName("::1"), 6275));
        assertThat(DataAddresses.eprt("|1|::1|6275|")).as("family and address disagree").isEmpty();
        assertThat(DataAddresses.eprt("|1|evil.example.com|21|")).as("never a name").isEmpty();
        assertThat(DataAddresses.eprt("|3|1.2.3.4|21|")).isEmpty();
        assertThat(DataAddresses.eprt("|1|1.2.3.4|70000|")).isEmpty();
        assertThat(DataAddresses.epsvPort("Entering Extended Passive Mode (|||6446|)")).contains(6446);
        assertThat(DataAddresses.epsvPort("Entering Extended Passive Mode (6446)")).isEmpty();
        assertThat(DataAddresses.epsv(30000)).isEqualTo("Entering Extended Passive Mode (|||30000|)");
    }

    @Test
    void passivePortsAreHeldOnceAndReusedLast() {
        PassivePorts ports = new PassivePorts(new PortRange(30000, 30002));
        assertThat(ports.take()).hasValue(30000);
        assertThat(ports.take()).hasValue(30001);
        ports.release(30000);
        assertThat(ports.take()).as("round-robin: 30002 before the freed 30000").hasValue(30002);
        assertThat(ports.take()).hasValue(30000);
        assertThat(ports.take()).as("exhausted").isEmpty();
        assertThat(ports.inUse()).isEqualTo(3);
    }
}
