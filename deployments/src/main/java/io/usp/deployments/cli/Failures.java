package io.usp.deployments.cli;

import io.usp.deployments.yaml.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws into one line on stderr and an exit code: a configuration error
 * is 2 (its message already names the file, the entry and the field), anything else 1. Shared
 * by the usp-server and usp-client command lines, which both read config files.
 */
public final class Failures implements IExecutionExceptionHandler {

    static final int CONFIG_ERROR = 2;
    static final int FAILURE = 1;

    private final String program;

    public Failures(String program) {
        this.program = program;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        if (e instanceof ConfigException) {
            command.getErr().println(e.getMessage());
            return CONFIG_ERROR;
        }
        command.getErr().println(program + ": " + describe(e));
        return FAILURE;
    }

    /** The message, and the root cause's when it adds something. */
    static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getMessage() + ")";
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
