package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/gridwatch}, the launcher every user runs: the JVM options it gives and their order. A
 * copy of it is run in a folder laid out as the repository (its jar and lib folder present, so it
 * builds nothing), with a stand-in {@code java} under JAVA_HOME that writes the arguments it was
 * given, one a line.
 */
class LauncherTest {

    @TempDir Path root;

    private List<String> launch(String javaOpts, String... args)
            throws IOException, InterruptedException {
        Path launcher = Path.of("..", "bin", "gridwatch").toAbsolutePath().normalize();
        Files.createDirectories(root.resolve("bin"));
        Files.copy(launcher, root.resolve("bin/gridwatch"));
        Files.createDirectories(root.resolve("cli/target/lib"));
        Files.writeString(root.resolve("cli/target/gridwatch-cli.jar"), "");
        Path java = root.resolve("jdk/bin/java");
        Files.createDirectories(java.getParent());
        Path arguments = root.resolve("arguments.txt");
        Files.writeString(
                java, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > '" + arguments + "'\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder run =
                new ProcessBuilder(
                        concat(List.of("bash", root.resolve("bin/gridwatch").toString()), args));
        run.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        run.environment().put("GRIDWATCH_LOG_DIR", root.resolve("logs").toString());
        if (javaOpts == null) {
            run.environment().remove("GRIDWATCH_JAVA_OPTS");
        } else {
            run.environment().put("GRIDWATCH_JAVA_OPTS", javaOpts);
        }
        Process process = run.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return Files.readAllLines(arguments);
    }

    private static List<String> concat(List<String> first, String... rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all;
    }

    @Test
    void runsTheCommandWithTheJitsInliningBudgetAndTheOpenedPackages() throws Exception {
        List<String> args = launch(null, "monitor", "--input", "in dir", "--out", "out");

        // HotSpot's default is 325 bytes (docs/benchmarks.md, session 30: why 100).
        assertThat(args).contains("-XX:FreqInlineSize=100");
        assertThat(args).contains("--add-opens=java.base/java.util=ALL-UNNAMED");
        int main = args.indexOf("org.gridwatch.cli.GridWatch");
        assertThat(main).isPositive();
        // the command's own arguments after the main class, as given (one with a space, whole)
        assertThat(args.subList(main + 1, args.size()))
                .containsExactly("monitor", "--input", "in dir", "--out", "out");
        assertThat(args.indexOf("-XX:FreqInlineSize=100")).isLessThan(main);
    }

    @Test
    void theClustersTaskManagersGetTheSameJitOptions() throws Exception {
        List<String> jit =
                launch(null, "--version").stream().filter(a -> a.startsWith("-XX:")).toList();
        assertThat(jit).isNotEmpty();
        Path repository = Path.of("..").toAbsolutePath().normalize();
        for (String file :
                List.of("docker-compose.yml", "deploy/kubernetes/gridwatch-monitor.yaml")) {
            String setting =
                    Files.readAllLines(repository.resolve(file)).stream()
                            .map(String::strip)
                            .filter(line -> line.startsWith("env.java.opts.taskmanager:"))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    file + ": no TaskManager JVM options"));
            String options = setting.substring(setting.indexOf(':') + 1).strip().replace("\"", "");
            assertThat(List.of(options.split("\\s+"))).as(file).isEqualTo(jit);
        }
    }

    @Test
    void theUsersOptionsComeAfterSoTheyWin() throws Exception {
        // HotSpot takes the last of an option given twice: the user's, so the default can be
        // restored (or changed) without editing the launcher.
        List<String> args = launch("-Xmx3g -XX:FreqInlineSize=325", "--version");

        int ours = args.indexOf("-XX:FreqInlineSize=100");
        int theirs = args.indexOf("-XX:FreqInlineSize=325");
        assertThat(ours).isNotNegative();
        assertThat(theirs).isGreaterThan(ours);
        assertThat(args).contains("-Xmx3g");
        assertThat(args.get(args.size() - 1)).isEqualTo("--version");
    }
}
