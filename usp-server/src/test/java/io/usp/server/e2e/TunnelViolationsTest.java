package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.usp.client.UspClient;
import io.usp.client.config.ClientConfig;
import io.usp.deployments.AllowList;
import io.usp.protocol.Protocol;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.ClientCredentials;
import io.usp.protocol.pki.ServerIdentity;
import io.usp.protocol.tls.TlsContexts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tunnel peer that breaks the HTTP/2 rules, with a valid certificate, each way: a fake server
 * against the real client, a fake client against the real server. What it did is answered in the
 * protocol's own terms (a stream reset, a GOAWAY with the error's code), never with an exception
 * no handler caught.
 */
class TunnelViolationsTest {

    @TempDir
    Path dir;
    World world;
    LogLines uncaught;

    @BeforeEach
    void setUp() {
        world = new World(dir);
        uncaught = LogLines.uncaughtInPipelines();
    }

    @AfterEach
    void tearDown() throws Exception {
        world.close();
        assertThat(uncaught.lines()).as("exceptions no handler caught").isEmpty();
        uncaught.close();
    }

    @Test
    void aServerOpeningStreamOneIsResetAndTheTunnelGoesOn() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"));
        ServerIdentity identity = ca.serverIdentity(List.of("127.0.0.1"));
        ClientCredentials creds = ca.issueClient("agent-a", dir.resolve("clients"));
        try (RawPeer server = RawPeer.server(
                TlsContexts.tunnelServer(identity.certFile(), identity.keyFile(), identity.caFile()));
             UspClient client = UspClient.start(new ClientConfig(null, "agent-a",
                     new ClientConfig.ServerAddress("127.0.0.1", server.port()),
                     new ClientConfig.TlsFiles(creds.certFile(), creds.keyFile(), creds.caFile()), 1,
                     Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(60),
                     ClientConfig.Reconnect.DEFAULT, AllowList.NOTHING), Clock.systemUTC())) {
            server.awaitUp();

            // Netty's HTTP/2 server side took stream 1 for an HTTP/1.1 upgrade it has no handler for
            server.request(1, connect("10.9.9.9:22"));
            assertThat(server.next()).isEqualTo("RST_STREAM 1 REFUSED_STREAM");

            server.request(3, connect("10.9.9.9:22"));
            assertThat(server.next()).as("the next stream is answered as ever")
                    .isEqualTo("HEADERS 3 403 not-allowed");
            assertThat(client.connectedTunnels()).isEqualTo(1);
            server.close(); // first: the client's GOAWAY would wait for stream 3, which this peer never ends
        }
    }

    @Test
    void anOversizedFrameIsAFrameSizeError() throws Exception {
        try (RawPeer client = dialServer()) {
            // a DATA frame header announcing 65537 bytes, one more than the server's SETTINGS allow
            client.writeRaw((byte) 0x01, (byte) 0x00, (byte) 0x01, (byte) 0x00, (byte) 0x00, (byte) 0, (byte) 0,
                    (byte) 0, (byte) 2);
            assertThat(client.next()).isEqualTo("GOAWAY FRAME_SIZE_ERROR");
        }
    }

    @Test
    void aConnectionWindowPastTwoGigabytesIsAFlowControlError() throws Exception {
        try (RawPeer client = dialServer()) {
            client.write((ctx, frames) -> frames.writeWindowUpdate(ctx, 0, Integer.MAX_VALUE, ctx.newPromise()));
            assertThat(client.next()).isEqualTo("GOAWAY FLOW_CONTROL_ERROR");
        }
    }

    @Test
    void aClientOpeningAStreamWithAServersIdIsAProtocolError() throws Exception {
        try (RawPeer client = dialServer()) {
            // odd ids belong to the HTTP/2 client, which on a tunnel is the server
            client.write((ctx, frames) -> frames.writeHeaders(ctx, 1, connect("127.0.0.1:22"), 0, false,
                    ctx.newPromise()));
            assertThat(client.next()).isEqualTo("GOAWAY PROTOCOL_ERROR");
        }
    }

    private RawPeer dialServer() throws Exception {
        world.startServer(List.of());
        ClientCredentials creds = world.credentials("agent-x");
        RawPeer client = RawPeer.client(world.server().tunnelPort(),
                TlsContexts.tunnelClient(creds.certFile(), creds.keyFile(), creds.caFile()));
        client.awaitUp();
        return client;
    }

    private static Http2Headers connect(String authority) {
        Http2Headers headers = new DefaultHttp2Headers().method("CONNECT").authority(authority);
        headers.set(Protocol.DEPLOYMENT_HEADER, "raw");
        return headers;
    }
}
