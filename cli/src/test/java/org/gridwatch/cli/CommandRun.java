package org.gridwatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** One run of the launcher in this JVM, with what it printed. */
record CommandRun(int exitCode, String out, String err, CommandLine commandLine) {

    static CommandRun of(String... args) {
        CommandLine gridwatch = GridWatch.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        gridwatch.setOut(new PrintWriter(out, true));
        gridwatch.setErr(new PrintWriter(err, true));
        int exitCode = gridwatch.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString(), gridwatch);
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    /** The object of a subcommand, as picocli made it for this run. */
    <T> T command(String name) {
        return commandLine.getSubcommands().get(name).getCommand();
    }
}
