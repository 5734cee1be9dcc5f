package io.usp.deployments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CidrTest {

    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void v4NetworkContainsItsAddressesOnly() throws Exception {
        Cidr net = Cidr.parse("10.20.0.0/16");
        assertThat(net.contains(ip("10.20.0.1"))).isTrue();
        assertThat(net.contains(ip("10.20.255.255"))).isTrue();
        assertThat(net.contains(ip("10.21.0.0"))).isFalse();
        assertThat(net.contains(ip("::1"))).isFalse();
    }

    @Test
    void hostBitsAreMaskedOff() {
        Cidr net = Cidr.parse("192.168.1.77/24");
        assertThat(net.toString()).isEqualTo("192.168.1.0/24");
        assertThat(net).isEqualTo(Cidr.parse("192.168.1.0/24"));
    }

    @Test
    void v6Network() throws Exception {
        Cidr net = Cidr.parse("2001:db8::/32");
        assertThat(net.prefixLength()).isEqualTo(32);
        assertThat(net.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(net.contains(ip("2001:db9::1"))).isFalse();
        assertThat(net.contains(ip("32.1.13.184"))).isFalse(); // same leading bytes, other family
    }

    @Test
    void bareAddressIsASingleHost() throws Exception {
        Cidr v4 = Cidr.parse("198.51.100.7");
        assertThat(v4.prefixLength()).isEqualTo(32);
        assertThat(v4.contains(ip("198.51.100.7"))).isTrue();
        assertThat(v4.contains(ip("198.51.100.8"))).isFalse();
        Cidr v6 = Cidr.parse("::1");
        assertThat(v6.prefixLength()).isEqualTo(128);
        assertThat(v6.contains(ip("::1"))).isTrue();
        assertThat(v6.contains(ip("::2"))).isFalse();
    }

    @Test
    void zeroPrefixMatchesWholeFamily() throws Exception {
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("2001:db8::1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
    }

    @Test
    void v4MappedV6AddressMatchesV4Network() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[13] = 20;
        mapped[14] = 3;
        mapped[15] = 4;
        InetAddress partner = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(partner).isInstanceOf(Inet6Address.class);
        assertThat(Cidr.parse("10.20.0.0/16").contains(partner)).isTrue();
        assertThat(Cidr.parse("10.21.0.0/16").contains(partner)).isFalse();
    }

    @Test
    void v4MappedNotationCountsPrefixIn128Bits() throws Exception {
        Cidr net = Cidr.parse("::ffff:10.20.0.0/112");
        assertThat(net).isEqualTo(Cidr.parse("10.20.0.0/16"));
        assertThat(Cidr.parse("::ffff:10.20.3.4").contains(ip("10.20.3.4"))).isTrue();
        assertThatThrownBy(() -> Cidr.parse("::ffff:10.0.0.0/64")).hasMessageContaining("IPv4-mapped");
    }

    @Test
    void prefixTooLongNamesTheLimit() {
        assertThatThrownBy(() -> Cidr.parse("203.0.113.0/33"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'203.0.113.0/33' has prefix length 33, more than 32");
        assertThatThrownBy(() -> Cidr.parse("2001:db8::/129")).hasMessageContaining("more than 128");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/-1", "10.0.0/8",
            "300.1.1.1", "10.0.0.0/8/8", "2001:db8::g/32", "localhost"})
    void badInputIsRefusedWithoutLookup(String text) {
        assertThatThrownBy(() -> Cidr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }
}
