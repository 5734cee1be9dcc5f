package io.usp.bench.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProxyAddressTest {

    @Test
    void parsesBothSchemes() {
        assertThat(ProxyAddress.parse("connect://127.0.0.1:3128"))
                .isEqualTo(new ProxyAddress(ProxyAddress.Protocol.CONNECT, new Endpoint("127.0.0.1", 3128)));
        assertThat(ProxyAddress.parse("SOCKS5://proxy.example:1080/"))
                .isEqualTo(new ProxyAddress(ProxyAddress.Protocol.SOCKS5, new Endpoint("proxy.example", 1080)));
        assertThat(ProxyAddress.parse("socks5://[::1]:1080")).hasToString("socks5://[::1]:1080");
    }

    @Test
    void saysWhatItExpects() {
        assertThatThrownBy(() -> ProxyAddress.parse("127.0.0.1:3128"))
                .hasMessageContaining("no scheme").hasMessageContaining("connect://HOST:PORT");
        assertThatThrownBy(() -> ProxyAddress.parse("http://127.0.0.1:3128"))
                .hasMessageContaining("'http://' is not a proxy");
        assertThatThrownBy(() -> ProxyAddress.parse("socks5://127.0.0.1")).hasMessageContaining("no port");
    }
}
