package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.server.cli.ServerMain;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The API routes that the commands' help texts name are real: each answers, and the one
 * {@code export --help} offers instead of the command answers the YAML the command writes.
 */
class HelpRoutesTest {

    private static final Pattern GET_ROUTE = Pattern.compile("GET (/api/v1/[A-Za-z0-9/_-]*[A-Za-z0-9])");
    private static final String PASSWORD = "help-routes-password";

    @TempDir
    Path dir;

    @Test
    void everyRouteAHelpTextNamesAnswers() throws Exception {
        Map<String, List<String>> named = new TreeMap<>();
        ServerMain.commandLine().getSubcommands().forEach((name, command) -> named.put(name, routes(command)));
        assertThat(named.get("export")).hasSize(1);

        try (World world = new World(dir)) {
            world.startServer(List.of(World.direct("web", 9)));
            AdminApi api = new AdminApi(world.startAdmin(PASSWORD).url(), "admin", PASSWORD);
            for (var entry : named.entrySet()) {
                for (String path : entry.getValue()) {
                    HttpResponse<String> answer = api.call("GET", path, null);
                    assertThat(answer.statusCode()).as(entry.getKey() + " --help names GET " + path).isEqualTo(200);
                }
            }
            HttpResponse<String> export = api.call("GET", named.get("export").get(0), null);
            assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/yaml"));
            assertThat(export.body()).isEqualTo(world.server().database().deployments().export().toYaml());
        }
    }

    /** The GET routes in a command's help, read across line breaks. */
    private static List<String> routes(CommandLine command) {
        String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
        List<String> routes = new ArrayList<>();
        Matcher m = GET_ROUTE.matcher(help);
        while (m.find()) {
            routes.add(m.group(1));
        }
        return routes;
    }
}
