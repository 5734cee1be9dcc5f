package io.usp.server.cli;

import io.usp.deployments.store.Database;
import io.usp.deployments.yaml.DeploymentsFile;
import io.usp.server.config.ServerConfig;
import io.usp.server.config.ServerConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code import --config server.yaml FILE}: upserts the file's IP filters and deployments by name. */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "Add or replace IP filters and deployments from a YAML file.",
        description = "%nReads FILE (as 'export' writes it: 'ipFilters:' and 'deployments:') strictly, then adds "
                + "or replaces each entry by name in the database in dataDir, in one transaction; entries the "
                + "file does not name are kept. A bad file changes nothing and exits with 2. The database is "
                + "locked by a running server: stop it first, or use the REST API.%n")
final class ImportCommand implements Callable<Integer> {

    /** The actor written in the audit log. */
    static final String ACTOR = "import";

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The server's YAML file (for dataDir).")
    Path config;

    @Parameters(index = "0", paramLabel = "FILE", description = "The YAML file to import.")
    Path file;

    @Override
    public Integer call() throws Exception {
        ServerConfig settings = ServerConfigLoader.load(config);
        DeploymentsFile imported = DeploymentsFile.load(file);
        try (Database database = OfflineDatabase.open(settings, "import")) {
            database.deployments().upsert(imported, false, ACTOR);
        }
        spec.commandLine().getOut().println("Imported " + imported.ipFilters().size() + " IP filters and "
                + imported.deployments().size() + " deployments from " + file + " into " + settings.dataDir());
        return 0;
    }
}
