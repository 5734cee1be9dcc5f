package io.usp.server.cli;

import io.usp.deployments.cli.Failures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar usp-server.jar}: the server's command line. Exit codes: 0 ok, 1 failure,
 * 2 bad configuration or bad command line.
 */
@Command(name = "usp-server",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        header = "USP server: public listeners in the DMZ, and the tunnel endpoint usp-client agents dial out to.",
        description = "%nPartners connect to a deployment's listener; their bytes reach the deployment's target "
                + "through a tunnel of the deployment's client (or directly, for a deployment with no client). "
                + "See docs/configuration.md for server.yaml.%n",
        subcommands = {RunCommand.class, IssueClientCommand.class, ExportCommand.class, ImportCommand.class,
            ResetAdminCommand.class, ClusterSecretCommand.class, HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar usp-server.jar run --config server.yaml",
                  "  java -jar usp-server.jar issue-client --config server.yaml --name agent-a --out agent-a/",
                  "  java -jar usp-server.jar export --config server.yaml --out deployments.yaml",
                  "  java -jar usp-server.jar import --config server.yaml deployments.yaml",
                  "  java -jar usp-server.jar reset-admin --config server.yaml --user admin",
                  "  java -jar usp-server.jar cluster-secret --out cluster.secret"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:failure (e.g. a port cannot be bound)", "2:bad configuration or command line"})
public final class ServerMain implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with USP's exit codes, for {@link #main} and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new ServerMain())
                .setExecutionExceptionHandler(new Failures("usp-server"));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "Missing command: run, issue-client, export, import or reset-admin");
    }
}
