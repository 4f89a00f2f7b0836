package org.gridwatch.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code bin/gridwatch}: one launcher for the whole system. Every command has {@code --help}; a bad
 * argument prints one line and exits 2, a failure of the work prints one line and exits 1.
 */
@Command(
        name = "gridwatch",
        mixinStandardHelpOptions = true,
        versionProvider = GridWatchVersion.class,
        description = {
            "GridWatch: a stream-processing monitor for electric utilities. Smart-meter readings,"
                    + " area supply and payments go in through Kafka (or .jsonl files); Apache"
                    + " Flink validates and aggregates them; metrics go to InfluxDB for Grafana.",
            ""
        },
        subcommands = {
            DemoCommand.class,
            SimulateCommand.class,
            MonitorCommand.class,
            AlertsCommand.class,
            SegmentsCommand.class,
            EvaluateCommand.class,
            AlertScoreCommand.class,
            WhatIfCommand.class,
            BenchCommand.class
        },
        footer = {
            "",
            "Start with `gridwatch demo`: everything on one machine, no set-up.",
            "`gridwatch COMMAND --help` tells more about each command; docs/ more still."
        })
public final class GridWatch {

    /** Exit status of a command that was stopped by Ctrl-C before it finished its work. */
    static final int INTERRUPTED = 130;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The launcher with its error handling, for main() and for tests. */
    static CommandLine commandLine() {
        CommandLine gridwatch =
                new CommandLine(new GridWatch())
                        .setParameterExceptionHandler(new OneLineUsageError())
                        .setExecutionExceptionHandler(new OneLineFailure());
        // simulate's description opens with a paragraph; the list of commands wants one line.
        gridwatch
                .getSubcommands()
                .get("simulate")
                .getCommandSpec()
                .usageMessage()
                .header("A synthetic fleet's records, to .jsonl files or to Kafka.");
        return gridwatch;
    }

    /** "gridwatch monitor: give exactly one of ..." and where to read more; exit 2. */
    static final class OneLineUsageError implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException e, String[] args) {
            CommandLine command = e.getCommandLine();
            PrintWriter err = command.getErr();
            String name = command.getCommandSpec().qualifiedName();
            err.println(name + ": " + firstLine(e.getMessage()));
            err.println("see " + name + " --help");
            err.flush();
            return ExitCode.USAGE;
        }
    }

    /**
     * Expected failures (a bad file, a server that cannot be reached, a job that failed) print the
     * reason in one line; anything else is a bug and prints its stack trace as well.
     */
    static final class OneLineFailure implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(
                Exception e, CommandLine command, ParseResult parseResult) {
            PrintWriter err = command.getErr();
            String name = command.getCommandSpec().qualifiedName();
            if (isExpected(e)) {
                err.println(name + ": " + reason(e));
            } else {
                err.println(name + ": unexpected " + e.getClass().getName() + ": " + reason(e));
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCode.SOFTWARE;
        }

        private static boolean isExpected(Exception e) {
            return e instanceof IllegalArgumentException
                    || e instanceof IllegalStateException
                    || e instanceof UncheckedIOException
                    || e instanceof IOException;
        }

        private static String reason(Throwable e) {
            if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
                return "no such file: " + e.getMessage();
            }
            if (e instanceof UncheckedIOException && e.getCause() != null) {
                return reason(e.getCause());
            }
            return e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : firstLine(e.getMessage());
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
