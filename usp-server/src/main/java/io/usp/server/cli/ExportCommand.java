package io.usp.server.cli;

import io.usp.deployments.store.Database;
import io.usp.deployments.yaml.DeploymentsFile;
import io.usp.server.config.ServerConfig;
import io.usp.server.config.ServerConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code export --config server.yaml [--out FILE]}: every stored IP filter and deployment as YAML. */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "Write every stored IP filter and deployment as YAML.",
        description = "%nReads the database in dataDir and writes its 'ipFilters:' and 'deployments:' as YAML, to "
                + "FILE or standard output; 'import' reads it back unchanged. The database is locked by a "
                + "running server: stop it first, or use GET /api/v1/export.%n")
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The server's YAML file (for dataDir).")
    Path config;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ServerConfig settings = ServerConfigLoader.load(config);
        DeploymentsFile exported;
        try (Database database = OfflineDatabase.open(settings, "export")) {
            exported = database.deployments().export();
        }
        if (out == null) {
            spec.commandLine().getOut().print(exported.toYaml());
            spec.commandLine().getOut().flush();
        } else {
            Files.writeString(out, exported.toYaml());
            spec.commandLine().getErr().println("Exported " + exported.ipFilters().size() + " IP filters and "
                    + exported.deployments().size() + " deployments to " + out);
        }
        return 0;
    }
}
