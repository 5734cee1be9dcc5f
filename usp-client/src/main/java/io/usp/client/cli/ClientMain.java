package io.usp.client.cli;

import io.usp.deployments.cli.Failures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar usp-client.jar}: the agent's command line. Exit codes: 0 ok, 1 failure,
 * 2 bad configuration or bad command line.
 */
@Command(name = "usp-client",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        header = "USP client (agent): dials out to the usp-server and connects it to allowed internal targets.",
        description = "%nRuns inside the private network and keeps a mutually authenticated tunnel open to the "
                + "server. When a partner connects to one of the server's listeners, the server asks this client "
                + "to open the connection to the internal target; the client does so only for targets its own "
                + "allow-list permits. It accepts no inbound connections. See docs/configuration.md for "
                + "client.yaml.%n",
        subcommands = {RunCommand.class, EnrollCommand.class, HelloTargetCommand.class, HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar usp-client.jar enroll --token usp1.… --dir /etc/usp-client",
                  "  java -jar usp-client.jar run --config client.yaml",
                  "  java -jar usp-client.jar hello-target --bind 127.0.0.1 --port 10081"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:failure", "2:bad configuration or command line"})
public final class ClientMain implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with USP's exit codes, for {@link #main} and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new ClientMain())
                .setExecutionExceptionHandler(new Failures("usp-client"));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: run, enroll or hello-target");
    }
}
