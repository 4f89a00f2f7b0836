package org.gridwatch.it.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.gridwatch.it.compose.ComposeFile.Service;

/**
 * Finds passwords on command lines. A command line is readable by every user of the host (the
 * process list) and by anyone who may run {@code docker inspect}, so a secret may reach a program
 * through its environment or its standard input only. Looked at: each service's {@code command},
 * {@code entrypoint} and {@code healthcheck.test}.
 *
 * <ul>
 *   <li>compose must not interpolate a secret variable ({@code ${X_PASSWORD}}) into one: its value
 *       would be written into the container's configuration;
 *   <li>the container's shell may expand one ({@code $$X_PASSWORD}) only for {@code printf}, a
 *       shell builtin that starts no process, whose output is piped into the program's stdin;
 *   <li>no command takes {@code --influx-password} or {@code --influx-token}.
 * </ul>
 */
final class CommandLineSecrets {

    /** Variable names that hold secrets. */
    private static final Pattern SECRET = Pattern.compile(".*(PASSWORD|TOKEN|SECRET).*");

    /** Where a shell starts a new simple command: pipes, lists, new lines. */
    private static final Pattern SHELL_SEPARATOR = Pattern.compile("\\|\\|?|&&|;|\\n");

    /** Words before the program: healthcheck forms, a shell given the script, exec. */
    private static final Set<String> WRAPPERS =
            Set.of("CMD-SHELL", "CMD", "sh", "/bin/sh", "bash", "/bin/bash", "-c", "exec");

    private static final Pattern SHELL_VARIABLE =
            Pattern.compile("\\$\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    private CommandLineSecrets() {}

    /** Every exposed secret, as "service: what", empty when there is none. */
    static List<String> exposed(ComposeFile compose) {
        List<String> problems = new ArrayList<>();
        for (Service service : compose.services().values()) {
            for (String line : commandLines(service)) {
                problems.addAll(exposed(service.name(), line));
            }
        }
        return problems;
    }

    private static List<String> exposed(String service, String line) {
        List<String> problems = new ArrayList<>();
        for (String name : ComposeVariables.inText(line)) {
            if (SECRET.matcher(name).matches()) {
                problems.add(service + ": compose writes ${" + name + "} into a command line");
            }
        }
        for (String command : SHELL_SEPARATOR.split(line.replace("\\\n", " "))) {
            var variables = SHELL_VARIABLE.matcher(command);
            while (variables.find()) {
                String name = variables.group(1);
                if (SECRET.matcher(name).matches() && !firstWord(command).equals("printf")) {
                    problems.add(
                            service
                                    + ": $"
                                    + name
                                    + " is an argument of '"
                                    + firstWord(command)
                                    + "'");
                }
            }
        }
        for (String option : List.of("--influx-password", "--influx-token")) {
            if (line.contains(option)) {
                problems.add(service + ": " + option + " on a command line");
            }
        }
        return problems;
    }

    private static List<String> commandLines(Service service) {
        List<String> lines = new ArrayList<>();
        lines.add(service.commandText());
        lines.add(text(service.body().get("entrypoint")));
        lines.add(text(ComposeFile.map(service.body().get("healthcheck")).get("test")));
        return lines;
    }

    private static String text(Object value) {
        if (value instanceof List<?> parts) {
            return String.join(" ", parts.stream().map(String::valueOf).toList());
        }
        return value == null ? "" : String.valueOf(value);
    }

    /** The program a simple command runs, past the wrappers that only hand the line on. */
    private static String firstWord(String command) {
        for (String word : command.strip().split("\\s+")) {
            if (!WRAPPERS.contains(word)) {
                return word;
            }
        }
        return "";
    }
}
