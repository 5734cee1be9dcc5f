package io.usp.server.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The CONNECT request target and the Basic credentials, as partners' tools write them and get them wrong. */
class AuthorityTest {

    @Test
    void namesAddressesAndBracketedIpv6() {
        assertThat(Authority.parse("db7.internal:5432")).contains(new Authority("db7.internal", 5432));
        assertThat(Authority.parse("10.20.1.7:22")).contains(new Authority("10.20.1.7", 22));
        assertThat(Authority.parse("[2001:db8::7]:443")).contains(new Authority("2001:db8::7", 443));
    }

    @Test
    void refusesWhatIsNotHostColonPort() {
        assertThat(Authority.parse("db7.internal")).isEmpty();
        assertThat(Authority.parse("db7.internal:")).isEmpty();
        assertThat(Authority.parse(":22")).isEmpty();
        assertThat(Authority.parse("2001:db8::7")).as("unbracketed IPv6").isEmpty();
        assertThat(Authority.parse("h:0")).isEmpty();
        assertThat(Authority.parse("h:65536")).isEmpty();
        assertThat(Authority.parse("h:22x")).isEmpty();
        assertThat(Authority.parse("h:+22")).isEmpty();
        assertThat(Authority.parse("h:0000022")).as("more than five digits").isEmpty();
        assertThat(Authority.parse("http://h:22/")).isEmpty();
    }

    @Test
    void basicCredentialsSplitAtTheFirstColon() {
        String header = "Basic " + Base64.getEncoder().encodeToString("alice:pa:ss".getBytes(StandardCharsets.UTF_8));
        assertThat(ConnectFront.basic(header)).hasValueSatisfying(pair -> assertThat(pair).containsExactly("alice",
                "pa:ss"));
        assertThat(ConnectFront.basic("basic " + Base64.getEncoder().encodeToString("a:b".getBytes(
                StandardCharsets.UTF_8)))).as("scheme is case-insensitive").isPresent();
    }

    @Test
    void anythingElseCountsAsNoCredentials() {
        assertThat(ConnectFront.basic(null)).isEmpty();
        assertThat(ConnectFront.basic("Bearer abc")).isEmpty();
        assertThat(ConnectFront.basic("Basic !!!not-base64")).isEmpty();
        assertThat(ConnectFront.basic("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes(
                StandardCharsets.UTF_8)))).isEmpty();
    }
}
