package io.usp.bench;

import io.usp.bench.flood.FloodCommand;
import io.usp.bench.idle.IdleCommand;
import io.usp.bench.latency.LatencyCommand;
import io.usp.bench.net.ByteSize;
import io.usp.bench.net.Endpoint;
import io.usp.bench.net.ProxyAddress;
import io.usp.bench.push.PushCommand;
import io.usp.bench.report.Errors;
import io.usp.bench.rate.RateCommand;
import io.usp.bench.target.EchoCommand;
import io.usp.bench.target.SinkCommand;
import io.usp.bench.throughput.ThroughputCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar usp-load.jar}: bench/run's load tool. Each measuring command prints exactly
 * one JSON line on stdout and its progress on stderr. Exit codes: 0 ok, 1 the run failed, 2 bad
 * command line.
 */
@Command(name = "usp-load",
        scope = ScopeType.INHERIT, // every command gets --help and --version
        mixinStandardHelpOptions = true,
        versionProvider = LoadVersion.class,
        sortOptions = false,
        header = "Load for bench/run: targets to put behind a relay, and measurements through it.",
        description = "%nTargets (run until killed): echo, sink. Measurements (one JSON line on stdout): "
                + "latency (cases 3 and 4), rate (case 5), idle (case 6), push (case 7), flood (issue 11), throughput. "
                + "latency, rate and throughput also go through a proxy (--proxy connect:// or socks5://).%n",
        subcommands = {EchoCommand.class, SinkCommand.class, LatencyCommand.class, RateCommand.class,
                IdleCommand.class, PushCommand.class, FloodCommand.class, ThroughputCommand.class, HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar usp-load.jar echo --port 9000",
                  "  java -jar usp-load.jar latency --connect 127.0.0.1:9000 --size 64 --count 10000"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:the run failed", "2:bad command line"})
public final class LoadMain implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LoadMain());
        cli.registerConverter(Endpoint.class, Endpoint::parse);
        cli.registerConverter(ByteSize.class, ByteSize::parse);
        cli.registerConverter(ProxyAddress.class, ProxyAddress::parse);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            String why = e.getMessage();
            if (e.getCause() != null) {
                // Future.get wraps the failure with its toString as the message; say it once, plainly
                String root = Errors.describe(e);
                why = why == null || why.equals(e.getCause().toString()) ? root : why + ": " + root;
            }
            commandLine.getErr().println("usp-load " + commandLine.getCommandName() + ": " + why);
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: echo, sink, latency, rate, idle, push, flood or throughput");
    }
}
