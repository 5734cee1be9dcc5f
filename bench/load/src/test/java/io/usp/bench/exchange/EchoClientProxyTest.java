package io.usp.bench.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp.bench.net.AnsweringProxy;
import io.usp.bench.net.Endpoint;
import io.usp.bench.net.Loops;
import io.usp.bench.net.ProxyAddress.Protocol;
import io.usp.bench.net.Route;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EchoClientProxyTest {

    /** No such name anywhere: only the proxy may resolve it, so this process must not try. */
    private static final Endpoint INSIDE = new Endpoint("echo.inside", 7);

    static Loops loops;

    @BeforeAll
    static void start() {
        loops = Loops.open("test");
    }

    @AfterAll
    static void stop() {
        loops.close();
    }

    @Test
    void asksAConnectProxyForTheNameAsGiven() throws Exception {
        try (AnsweringProxy proxy = new AnsweringProxy(loops.group(), Protocol.CONNECT, false)) {
            roundTrip(Route.to(INSIDE, proxy.address(Protocol.CONNECT)));
            assertThat(proxy.asked()).containsExactly("echo.inside:7");
        }
    }

    @Test
    void asksASocks5ProxyForANameAsANameAndForAnAddressAsAnAddress() throws Exception {
        try (AnsweringProxy proxy = new AnsweringProxy(loops.group(), Protocol.SOCKS5, false)) {
            roundTrip(Route.to(INSIDE, proxy.address(Protocol.SOCKS5)));
            roundTrip(Route.to(new Endpoint("10.1.2.3", 7), proxy.address(Protocol.SOCKS5)));
            assertThat(proxy.asked()).containsExactly("echo.inside:7 (DOMAIN(3))", "10.1.2.3:7 (IPv4(1))");
        }
    }

    @Test
    void aProxyThatSaysNoFailsTheConnect() {
        try (AnsweringProxy proxy = new AnsweringProxy(loops.group(), Protocol.CONNECT, true)) {
            EchoClient client = new EchoClient(loops.group(), Route.to(INSIDE, proxy.address(Protocol.CONNECT)));
            assertThatThrownBy(() -> client.connect(null).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("403");
        }
    }

    private static void roundTrip(Route route) throws Exception {
        EchoExchange exchange = new EchoClient(loops.group(), route).connect(null).get();
        try {
            assertThat(exchange.send(new byte[] {1, 2, 3}).get()).isPositive();
        } finally {
            exchange.channel().close().sync();
        }
    }
}
