package org.gridwatch.it.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.config.TopicConfig;
import org.gridwatch.core.event.Output;
import org.gridwatch.it.compose.ComposeFile.Mount;
import org.gridwatch.it.compose.ComposeFile.Service;
import org.gridwatch.it.grafana.RepoLayout;
import org.gridwatch.jobs.MonitorArgs;
import org.gridwatch.jobs.io.KafkaOutputs;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be started here (no Docker engine), so this checks that it wires what
 * it claims: against the repository's own files, the poms and .env.example.
 */
class ComposeFileTest {

    private static final RepoLayout REPO = RepoLayout.fromSystemProperty();
    private static final ComposeFile COMPOSE = ComposeFile.read(REPO.file("docker-compose.yml"));
    private static final Pattern HOST_AND_PORT =
            Pattern.compile("(?:[a-z]+://)?([A-Za-z][A-Za-z0-9-]*):(\\d{2,5})\\b");

    @Test
    void declaresEveryServiceOfTheStack() {
        assertThat(COMPOSE.services().keySet())
                .contains(
                        "kafka",
                        "jobmanager",
                        "taskmanager",
                        "influxdb",
                        "grafana",
                        "simulator",
                        "submitter");
    }

    /**
     * The stack creates every topic the monitor job writes (it finds them at start, and its sinks
     * list their open transactions after a failure), compacted where the job would create it so.
     */
    @Test
    void kafkaTopicsCreatesEveryOutputTopicAsTheJobWould() {
        String script = COMPOSE.service("kafka-topics").commandText();
        Map<String, Boolean> created = new java.util.TreeMap<>();
        Matcher one = Pattern.compile("(?m)^\\s*create ([a-z-]+)(.*)$").matcher(script);
        while (one.find()) {
            created.put(one.group(1), one.group(2).contains("cleanup.policy=compact"));
        }
        Matcher loop = Pattern.compile("for topic in ([a-z -]+); do").matcher(script);
        assertThat(loop.find()).as("the loop over the other topics").isTrue();
        for (String topic : loop.group(1).trim().split("\\s+")) {
            created.put(topic, false);
        }
        for (Output o : Output.values()) {
            boolean compacted =
                    TopicConfig.CLEANUP_POLICY_COMPACT.equals(
                            KafkaOutputs.configsOf(o.topic())
                                    .get(TopicConfig.CLEANUP_POLICY_CONFIG));
            assertThat(created).as(o.topic()).containsEntry(o.topic(), compacted);
        }
    }

    @Test
    void followsTheComposeSpecificationWithoutTheObsoleteVersionKey() {
        assertThat(COMPOSE.document()).doesNotContainKey("version").containsKey("services");
    }

    @Test
    void publishesKafkaFlinkUiInfluxDbAndGrafanaOnTheirUsualPorts() {
        assertThat(COMPOSE.service("kafka").publishedPorts()).contains(9092);
        assertThat(COMPOSE.service("jobmanager").publishedPorts()).contains(8081);
        assertThat(COMPOSE.service("influxdb").publishedPorts()).contains(8086);
        assertThat(COMPOSE.service("grafana").publishedPorts()).contains(3000);
    }

    @Test
    void kafkaClusterIdIsAUuidInKafkasBase64Form() {
        // kafka-storage format refuses anything else, and the broker then never starts.
        String clusterId = COMPOSE.service("kafka").environment().get("CLUSTER_ID");

        assertThat(clusterId).hasSize(22);
        assertThat(Base64.getUrlDecoder().decode(clusterId)).hasSize(16);
    }

    @Test
    void grafanaMountsTheRepositorysProvisioningAndTheProviderReadsTheMountedDashboards()
            throws IOException {
        Service grafana = COMPOSE.service("grafana");
        Mount provisioning = grafana.mountAt("/etc/grafana/provisioning").orElseThrow();
        Mount dashboards =
                grafana.mounts().stream()
                        .filter(mount -> mount.source().equals("./grafana/dashboards"))
                        .findFirst()
                        .orElseThrow();

        assertThat(provisioning.source()).isEqualTo("./grafana/provisioning");
        assertThat(REPO.file(provisioning.source())).isDirectory();
        assertThat(REPO.file(dashboards.source())).isDirectory();
        assertThat(providerPaths())
                .isNotEmpty()
                .allSatisfy(path -> assertThat(path).isEqualTo(dashboards.target()));

        String home = grafana.environment().get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        assertThat(home).startsWith(dashboards.target() + "/");
        assertThat(REPO.dashboards().resolve(home.substring(dashboards.target().length() + 1)))
                .isRegularFile();
    }

    @Test
    void grafanaGivesTheDataSourceProvisioningEveryVariableItReadsAndPointsItAtInfluxDb()
            throws IOException {
        Map<String, String> environment = COMPOSE.service("grafana").environment();
        Set<String> read = new TreeSet<>();
        for (Path file : yamlFiles(REPO.provisioning().resolve("datasources"))) {
            // Grafana expands $VAR and ${VAR} in the values, after parsing: comments do not count.
            read.addAll(ComposeVariables.used(new Yaml().load(Files.readString(file))));
        }

        assertThat(read).isNotEmpty();
        assertThat(environment.keySet()).containsAll(read);
        assertThat(environment.get("GRIDWATCH_INFLUX_URL")).isEqualTo("http://influxdb:8086");
    }

    @Test
    void submitterMountsTheJobJarThatJobsPomBuildsAtThePathItRuns() {
        MavenModule root = MavenModule.read(REPO.root());
        MavenModule jobs = MavenModule.read(REPO.file("jobs"));
        String shadedJar =
                jobs.producedPaths(REPO.root()).stream()
                        .filter(
                                path ->
                                        path.endsWith(".jar")
                                                && !path.endsWith("/" + jobs.finalName() + ".jar"))
                        .findFirst()
                        .orElseThrow(
                                () -> new AssertionError("jobs/pom.xml attaches no shaded jar"));
        Service submitter = COMPOSE.service("submitter");
        Mount jar =
                submitter.mounts().stream()
                        .filter(mount -> mount.target().endsWith(".jar"))
                        .findFirst()
                        .orElseThrow();

        assertThat(jobs.version()).isEqualTo(root.version());
        assertThat(jar.source()).isEqualTo("./" + shadedJar);
        assertThat(jar.readOnly()).isTrue();
        assertThat(submitter.commandWords()).contains(jar.target());
        assertThat(submitter.argument("run", "-m")).contains("jobmanager:8081");
    }

    @Test
    void submitterRunsAMainClassOfTheJobsModule() throws IOException {
        String mainClass = COMPOSE.service("submitter").argument("run", "-c").orElseThrow();
        String relative = mainClass.replace('.', '/');
        Path source = REPO.file("jobs/src/main/java/" + relative + ".java");
        Path compiled = REPO.file("jobs/target/classes/" + relative + ".class");

        assertThat(Files.exists(source) || Files.exists(compiled))
                .as(mainClass + " in the jobs module")
                .isTrue();
        if (Files.exists(source)) {
            assertThat(Files.readString(source)).contains("static void main(String[]");
        }
    }

    @Test
    void submitterRecognisesARunningJobByTheNameTheMainClassGivesIt() throws IOException {
        Service submitter = COMPOSE.service("submitter");
        Matcher grep = Pattern.compile("grep -q '([^']+)'").matcher(submitter.commandText());
        String mainClass = submitter.argument("run", "-c").orElseThrow();

        assertThat(grep.find()).as("the submitter checks for a running job").isTrue();
        assertThat(
                        Files.readString(
                                REPO.file(
                                        "jobs/src/main/java/"
                                                + mainClass.replace('.', '/')
                                                + ".java")))
                .contains("\"" + grep.group(1) + "\"");
    }

    @Test
    void everyVariableOfTheComposeFileIsDefinedInEnvExample() {
        Set<String> defined = ComposeVariables.definedIn(REPO.file(".env.example"));

        assertThat(ComposeVariables.used(COMPOSE.document())).isNotEmpty();
        assertThat(ComposeVariables.undefined(COMPOSE.document(), defined)).isEmpty();
    }

    @Test
    void reportsAVariableThatEnvExampleDoesNotDefineButNotAShellDollar() {
        ComposeFile doctored =
                ComposeFile.parse(
                        "services:\n  x:\n    environment:\n      A: ${DEFINED}\n      B: ${NOT_IN_ENV_EXAMPLE:?set it}\n"
                                + "    command: echo $$SHELL_ONLY $ALSO_MISSING\n");

        assertThat(ComposeVariables.undefined(doctored.document(), Set.of("DEFINED")))
                .containsExactly("ALSO_MISSING", "NOT_IN_ENV_EXAMPLE");
    }

    @Test
    void envExampleHoldsOnlyPlaceholderPasswordsAndGitIgnoresTheRealEnvFile() throws IOException {
        assertThat(Files.readAllLines(REPO.file(".gitignore"))).contains(".env");
        for (String line : Files.readAllLines(REPO.file(".env.example"))) {
            if (line.matches("[A-Z_]*PASSWORD=.*")) {
                assertThat(line.substring(line.indexOf('=') + 1)).as(line).startsWith("change-me");
            }
        }
    }

    @Test
    void noCommandLineOfAnyServiceCarriesAPassword() {
        assertThat(CommandLineSecrets.exposed(COMPOSE)).isEmpty();
    }

    @Test
    void findsPasswordsThatCommandLinesWouldShow() {
        ComposeFile doctored =
                ComposeFile.parse(
                        """
                        services:
                          job:
                            command: ["sh", "-c", "flink run x.jar --influx-password \\"$$GRIDWATCH_INFLUX_PASSWORD\\""]
                          db:
                            healthcheck:
                              test: ["CMD-SHELL", "curl -u \\"$$U:$$READ_PASSWORD\\" http://db/ping"]
                          admin:
                            entrypoint: ["tool", "--token", "${API_TOKEN}"]
                          fine:
                            healthcheck:
                              test: ["CMD-SHELL", "printf 'user = %s' \\"$$READ_PASSWORD\\" | curl -K - http://db/ping"]
                        """);

        assertThat(CommandLineSecrets.exposed(doctored))
                .containsExactlyInAnyOrder(
                        "job: $GRIDWATCH_INFLUX_PASSWORD is an argument of 'flink'",
                        "job: --influx-password on a command line",
                        "db: $READ_PASSWORD is an argument of 'curl'",
                        "admin: compose writes ${API_TOKEN} into a command line");
    }

    @Test
    void submitterGivesTheJobItsInfluxPasswordThroughTheEnvironmentTheJobReads() {
        Service submitter = COMPOSE.service("submitter");

        assertThat(submitter.environment())
                .containsEntry(
                        MonitorArgs.PASSWORD_VARIABLE,
                        "${INFLUXDB_JOB_PASSWORD:?copy .env.example to .env and set it}");
        assertThat(submitter.argument("--influx-user")).contains("$$GRIDWATCH_INFLUX_USER");
    }

    @Test
    void containersReachEachOtherByServiceName() {
        Set<String> services = COMPOSE.services().keySet();
        List<String> unknown = new ArrayList<>();
        for (Service service : COMPOSE.services().values()) {
            List<String> texts = new ArrayList<>(service.commandWords());
            texts.addAll(service.environment().values());
            for (String text : texts) {
                Matcher matcher = HOST_AND_PORT.matcher(text);
                while (matcher.find()) {
                    String host = matcher.group(1);
                    if (!host.equals("localhost") && !services.contains(host)) {
                        unknown.add(service.name() + ": " + matcher.group());
                    }
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void waitsForHealthOnlyOfServicesThatHaveAHealthcheck() {
        for (Service service : COMPOSE.services().values()) {
            service.dependsOn()
                    .forEach(
                            (name, condition) -> {
                                assertThat(COMPOSE.services())
                                        .as(service.name() + " depends on " + name)
                                        .containsKey(name);
                                if (condition.equals("service_healthy")) {
                                    assertThat(COMPOSE.service(name).hasHealthcheck())
                                            .as(name + " has a healthcheck")
                                            .isTrue();
                                }
                            });
        }
        assertThat(COMPOSE.service("submitter").dependsOn())
                .containsEntry("jobmanager", "service_healthy")
                .containsEntry("influxdb", "service_healthy")
                .containsKey("taskmanager");
    }

    @Test
    void theJobResumesFromTheCheckpointVolumeAndTheFleetIsSentOnce() {
        String flink = COMPOSE.service("jobmanager").environment().get("FLINK_PROPERTIES");
        Service submitter = COMPOSE.service("submitter");
        Service kafka = COMPOSE.service("kafka");

        assertThat(flink)
                .contains("execution.checkpointing.dir: file:///opt/flink/checkpoints")
                .contains("execution.checkpointing.savepoint-dir: file:///opt/flink/checkpoints/");
        assertThat(submitter.mountAt("/opt/flink/checkpoints"))
                .hasValueSatisfying(m -> assertThat(m.source()).isEqualTo("flink-checkpoints"));
        assertThat(submitter.commandText())
                .contains("/opt/flink/checkpoints/*/chk-*/_metadata")
                .contains("/opt/flink/checkpoints/savepoints/*/_metadata")
                .contains("-s ");
        // the offsets in a checkpoint must still be in Kafka when the job resumes
        assertThat(kafka.mountAt(kafka.environment().get("KAFKA_LOG_DIRS"))).isPresent();
        assertThat(COMPOSE.service("simulator").commandWords()).contains("--once");
    }

    @Test
    void oneShotServicesAreNotRestarted() {
        for (String name : List.of("submitter", "simulator")) {
            assertThat(COMPOSE.service(name).body().get("restart")).as(name).isEqualTo("no");
        }
    }

    @Test
    void simulatorFeedsTheInternalKafkaListener() {
        Service simulator = COMPOSE.service("simulator");

        assertThat(simulator.commandWords()).first().isEqualTo("simulate");
        assertThat(simulator.argument("--kafka")).contains("kafka:9092");
        assertThat(COMPOSE.service("kafka").environment().get("KAFKA_ADVERTISED_LISTENERS"))
                .contains("//kafka:9092");
        assertThat(COMPOSE.service("submitter").argument("--kafka")).contains("kafka:9092");
    }

    @Test
    void simulatorImageCopiesOnlyWhatTheBuildProducesOrTheRepositoryHolds() {
        Service simulator = COMPOSE.service("simulator");
        Path context = REPO.file(simulator.buildContext().orElseThrow());
        Path dockerfile = context.resolve(simulator.dockerfile().orElseThrow());
        List<String> sources = DockerBuild.copySources(dockerfile);

        assertThat(dockerfile).isRegularFile();
        assertThat(sources)
                .contains("cli/target/gridwatch-cli.jar", "cli/target/lib", "bin/gridwatch");
        assertThat(DockerBuild.unbuiltSources(sources, producedPaths(), context)).isEmpty();
        assertThat(sources)
                .allSatisfy(
                        source ->
                                assertThat(
                                                DockerBuild.keptInContext(
                                                        source,
                                                        DockerBuild.ignoreRules(
                                                                dockerfile, context)))
                                        .as(
                                                source
                                                        + " is left in the build context by the ignore file")
                                        .isTrue());
    }

    @Test
    void reportsACopyOfAJarTheBuildDoesNotProduce() {
        List<String> sources =
                DockerBuild.copySources(
                        "FROM x\nCOPY cli/target/gridwatch-cli-0.1.0-SNAPSHOT.jar \\\n  /opt/\n");

        assertThat(DockerBuild.unbuiltSources(sources, producedPaths(), REPO.root()))
                .containsExactly("cli/target/gridwatch-cli-0.1.0-SNAPSHOT.jar");
    }

    @Test
    void ignoreRulesExcludeWhatNoExceptionKeeps() {
        assertThat(DockerBuild.keptInContext("cli/target/lib/picocli.jar", List.of("*"))).isFalse();
        assertThat(
                        DockerBuild.keptInContext(
                                "cli/target/lib/picocli.jar", List.of("*", "!cli/target/lib")))
                .isTrue();
        assertThat(
                        DockerBuild.keptInContext(
                                "cli/target/classes/A.class", List.of("*", "!cli/target/lib")))
                .isFalse();
    }

    private static List<String> producedPaths() {
        List<String> produced = new ArrayList<>();
        MavenModule.modulesOf(REPO.root())
                .forEach(module -> produced.addAll(module.producedPaths(REPO.root())));
        return produced;
    }

    @SuppressWarnings("unchecked")
    private static List<String> providerPaths() throws IOException {
        List<String> paths = new ArrayList<>();
        for (Path file : yamlFiles(REPO.provisioning().resolve("dashboards"))) {
            Map<String, Object> document = new Yaml().load(Files.readString(file));
            for (Object provider : ComposeFile.list(document.get("providers"))) {
                paths.add(
                        String.valueOf(
                                ComposeFile.map(ComposeFile.map(provider).get("options"))
                                        .get("path")));
            }
        }
        return paths;
    }

    private static List<Path> yamlFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(
                            file ->
                                    file.toString().endsWith(".yaml")
                                            || file.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
    }
}
