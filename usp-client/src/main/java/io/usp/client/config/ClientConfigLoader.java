package io.usp.client.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.client.config.ClientConfig.Reconnect;
import io.usp.client.config.ClientConfig.ServerAddress;
import io.usp.client.config.ClientConfig.TlsFiles;
import io.usp.deployments.AllowList;
import io.usp.deployments.Names;
import io.usp.deployments.Ports;
import io.usp.deployments.yaml.AllowEntry;
import io.usp.deployments.yaml.ConfigException;
import io.usp.deployments.yaml.Entry;
import io.usp.deployments.yaml.StrictYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the client's YAML file strictly: unknown keys, wrong types, bad values and missing TLS
 * files are {@link ConfigException}s that name the file, the entry and the field. Absent keys take
 * the defaults of {@link ClientConfig}.
 */
public final class ClientConfigLoader {

    private ClientConfigLoader() {
    }

    public static ClientConfig load(Path file) {
        StrictYaml yaml = new StrictYaml(file);
        Entry top = yaml.top();
        ClientYaml c = top.convert(yaml.read(), ClientYaml.class);
        String name = top.check("name", () -> Names.require(top.require("name", c.name()), "name"));
        ServerAddress server = server(top, top.require("server", c.server()));
        TlsFiles tls = tls(top, top.require("tls", c.tls()));
        int connections = c.connections() == null ? ClientConfig.DEFAULT_CONNECTIONS
                : top.check("connections", () -> ClientConfig.requireConnections(c.connections()));
        var connectTimeout = top.duration("connectTimeout", c.connectTimeout(), ClientConfig.DEFAULT_CONNECT_TIMEOUT);
        var pingInterval = top.duration("pingInterval", c.pingInterval(), ClientConfig.DEFAULT_PING_INTERVAL);
        var pingTimeout = top.duration("pingTimeout", c.pingTimeout(), ClientConfig.DEFAULT_PING_TIMEOUT);
        Reconnect reconnect = c.reconnect() == null ? Reconnect.DEFAULT : reconnect(top, c.reconnect());
        AllowList allow = AllowEntry.readAll(yaml, c.allow());
        // what the fields alone cannot show: pingTimeout must exceed pingInterval
        return top.check("pingTimeout", () -> new ClientConfig(file, name, server, tls, connections,
                connectTimeout, pingInterval, pingTimeout, reconnect, allow));
    }

    private static ServerAddress server(Entry top, ServerYaml s) {
        int port = s.port() == null ? ServerAddress.DEFAULT_PORT
                : top.check("server.port", () -> Ports.require(s.port(), 1));
        return top.check("server.host", () -> new ServerAddress(top.require("server.host", s.host()), port));
    }

    private static TlsFiles tls(Entry top, TlsYaml t) {
        return new TlsFiles(existing(top, "tls.cert", t.cert()), existing(top, "tls.key", t.key()),
                existing(top, "tls.ca", t.ca()));
    }

    private static Path existing(Entry top, String field, String text) {
        Path path = top.path(field, text);
        if (!Files.isRegularFile(path)) {
            throw top.error(field, (Files.isDirectory(path) ? "is a folder, not a file: " : "file not found: ") + path);
        }
        if (!Files.isReadable(path)) {
            throw top.error(field, "cannot be read: " + path);
        }
        return path;
    }

    private static Reconnect reconnect(Entry top, ReconnectYaml r) {
        var min = top.duration("reconnect.minDelay", r.minDelay(), Reconnect.DEFAULT.minDelay());
        var max = top.duration("reconnect.maxDelay", r.maxDelay(), Reconnect.DEFAULT.maxDelay());
        return top.check("reconnect.maxDelay", () -> new Reconnect(min, max));
    }

    record ClientYaml(String name, ServerYaml server, TlsYaml tls, Integer connections, String connectTimeout,
                      String pingInterval, String pingTimeout, ReconnectYaml reconnect, List<JsonNode> allow) {
    }

    record ServerYaml(String host, Integer port) {
    }

    record TlsYaml(String cert, String key, String ca) {
    }

    record ReconnectYaml(String minDelay, String maxDelay) {
    }
}
