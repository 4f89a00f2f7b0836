package org.gridwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes/gridwatch-monitor.yaml, the Flink Kubernetes Operator's FlinkDeployment of the
 * monitor job, read as the operator would: the resource's kind and required fields, the job's entry
 * class and arguments as the job itself parses them, Flink settings that Flink knows under these
 * names, RocksDB with incremental checkpoints to S3, and no secret in the file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestTest {
    /** The Flink option classes whose keys the manifest may set. */
    private static final List<Class<?>> OPTION_CLASSES =
            List.of(
                    CheckpointingOptions.class,
                    StateBackendOptions.class,
                    StateRecoveryOptions.class,
                    HighAvailabilityOptions.class,
                    TaskManagerOptions.class,
                    JobManagerOptions.class,
                    RestartStrategyOptions.class,
                    CoreOptions.class);

    /**
     * Keys of the S3 file system plugin (flink-s3-fs-hadoop), which it hands on to Hadoop's S3A as
     * fs.s3a.*: they are not in Flink's option classes.
     */
    private static final Set<String> S3_PLUGIN_KEYS = Set.of("s3.endpoint", "s3.path.style.access");

    private Path root;
    private Map<String, Object> manifest;
    private Map<String, Object> spec;
    private Map<String, String> flinkConfiguration;
    private Map<String, Object> job;

    @BeforeAll
    void read() throws IOException {
        root = repositoryRoot();
        manifest =
                new Yaml()
                        .load(
                                Files.readString(
                                        root.resolve("deploy/kubernetes/gridwatch-monitor.yaml")));
        spec = map(manifest, "spec");
        flinkConfiguration = new HashMap<>();
        map(spec, "flinkConfiguration")
                .forEach(
                        (key, value) -> {
                            assertThat(value)
                                    .as("%s: a string, as the CRD's map of strings wants", key)
                                    .isInstanceOf(String.class);
                            flinkConfiguration.put(key, (String) value);
                        });
        job = map(spec, "job");
    }

    @Test
    void isAFlinkDeploymentOfTheOperatorsV1beta1Api() {
        assertThat(manifest.get("apiVersion")).isEqualTo("flink.apache.org/v1beta1");
        assertThat(manifest.get("kind")).isEqualTo("FlinkDeployment");
        assertThat(map(manifest, "metadata").get("name")).isEqualTo("gridwatch-monitor");
        assertThat(spec).containsKeys("image", "flinkVersion", "serviceAccount", "job");
        assertThat(map(map(spec, "jobManager"), "resource")).containsKeys("memory", "cpu");
        assertThat(map(map(spec, "taskManager"), "resource")).containsKeys("memory", "cpu");
        assertThat(job).containsKeys("jarURI", "entryClass", "args", "parallelism", "upgradeMode");
        assertThat(job.get("upgradeMode")).isEqualTo("savepoint");
        assertThat(job.get("state")).isEqualTo("running");
        assertThat((String) job.get("jarURI")).startsWith("local:///opt/flink/usrlib/");
    }

    /**
     * The fields of the FlinkDeployment resource of the operator 1.13 (its custom resource
     * reference): a misspelt field would be dropped by Kubernetes without a word.
     */
    @Test
    void usesOnlyFieldsAndValuesTheOperatorsResourceHas() {
        assertThat(spec.keySet())
                .isSubsetOf(
                        "job",
                        "restartNonce",
                        "flinkConfiguration",
                        "image",
                        "imagePullPolicy",
                        "serviceAccount",
                        "flinkVersion",
                        "ingress",
                        "podTemplate",
                        "jobManager",
                        "taskManager",
                        "logConfiguration",
                        "mode");
        assertThat(job.keySet())
                .isSubsetOf(
                        "jarURI",
                        "parallelism",
                        "entryClass",
                        "args",
                        "state",
                        "savepointTriggerNonce",
                        "initialSavepointPath",
                        "checkpointTriggerNonce",
                        "upgradeMode",
                        "allowNonRestoredState",
                        "savepointRedeployNonce",
                        "autoscalerResetNonce");
        for (String role : List.of("jobManager", "taskManager")) {
            Map<String, Object> manager = map(spec, role);
            assertThat(manager.keySet()).as(role).isSubsetOf("resource", "replicas", "podTemplate");
            Map<String, Object> resource = map(manager, "resource");
            assertThat(resource.keySet()).as(role).isSubsetOf("cpu", "memory", "ephemeralStorage");
            assertThat(resource.get("cpu")).as(role + " cpu").isInstanceOf(Number.class);
            assertThat((String) resource.get("memory"))
                    .as(role + " memory, as Flink or Kubernetes writes it")
                    .matches("\\d+(m|g|Mi|Gi)");
        }
        // v2_1 and v2_2 came with the operator 1.13.0; 1.11 and 1.12 end at v2_0
        assertThat(spec.get("flinkVersion"))
                .isIn("v1_17", "v1_18", "v1_19", "v1_20", "v2_0", "v2_1", "v2_2");
        assertThat(job.get("upgradeMode")).isIn("savepoint", "last-state", "stateless");
        assertThat(job.get("state")).isIn("running", "suspended");
    }

    @Test
    void namesTheFlinkVersionTheJobIsBuiltWith() throws IOException {
        String[] version = EnvironmentInformation.getVersion().split("\\.");
        assertThat(spec.get("flinkVersion")).isEqualTo("v" + version[0] + "_" + version[1]);
        String dockerfile = Files.readString(root.resolve("deploy/kubernetes/Dockerfile"));
        assertThat(dockerfile)
                .as("the image the Dockerfile builds on")
                .containsPattern(
                        "(?m)^FROM flink:"
                                + java.util.regex.Pattern.quote(EnvironmentInformation.getVersion())
                                + "-java17$");
        assertThat(dockerfile)
                .as("the jar goes where jarURI points")
                .contains(((String) job.get("jarURI")).substring("local://".length()));
        assertThat(env().get("ENABLE_BUILT_IN_PLUGINS"))
                .as("the S3 plugin of the same Flink")
                .isEqualTo("flink-s3-fs-hadoop-" + EnvironmentInformation.getVersion() + ".jar");
    }

    @Test
    void itsEntryClassIsTheMonitorJobsMain() throws Exception {
        Class<?> entry = Class.forName((String) job.get("entryClass"));
        Method main = entry.getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
        assertThat(Modifier.isPublic(main.getModifiers())).isTrue();
        assertThat(entry).isEqualTo(MonitorJob.class);
    }

    @Test
    void itsArgumentsAreTheJobsOwnAndReadKafkaAndInfluxDb() {
        List<?> raw = (List<?>) job.get("args");
        String[] args = raw.stream().map(a -> (String) a).toArray(String[]::new);
        MonitorArgs parsed =
                MonitorArgs.parse(args, Map.of(MonitorArgs.PASSWORD_VARIABLE, "from-the-secret"));

        assertThat(parsed.kafka())
                .isEqualTo(
                        "kafka-0.kafka.gridwatch.svc.cluster.local:9092,"
                                + "kafka-1.kafka.gridwatch.svc.cluster.local:9092");
        assertThat(parsed.input()).isNull();
        assertThat(parsed.boundedKafka()).isFalse();
        assertThat(parsed.groupId()).isEqualTo("gridwatch-monitor");
        assertThat(parsed.influx().url())
                .isEqualTo("http://influxdb.gridwatch.svc.cluster.local:8086");
        assertThat(parsed.influx().database()).isEqualTo("gridwatch");
        assertThat(parsed.influx().user()).isEqualTo("gridwatch_job");
        assertThat(parsed.influx().password())
                .as("from the environment, which the Secret fills")
                .isEqualTo("from-the-secret");
        assertThat(parsed.settings().zone().getId()).isEqualTo("Asia/Shanghai");
        assertThat(parsed.settings().checkpointDir())
                .as("the cluster's execution.checkpointing.dir")
                .isNull();
        assertThat(parsed.settings().stateBackend())
                .as("the cluster's state.backend.type")
                .isNull();
        assertThat(env()).containsKey(MonitorArgs.PASSWORD_VARIABLE);
    }

    @Test
    void everyFlinkSettingIsAnOptionFlinkKnowsUnderThatName() {
        Map<String, ConfigOption<?>> known = knownOptions();
        Configuration conf = Configuration.fromMap(flinkConfiguration);
        for (String key : flinkConfiguration.keySet()) {
            if (S3_PLUGIN_KEYS.contains(key)) {
                continue;
            }
            ConfigOption<?> option = known.get(key);
            if (option == null) {
                fail(key + " is not the key of an option in " + OPTION_CLASSES);
            }
            assertThat(conf.getOptional(option))
                    .as("%s = %s, read as Flink reads it", key, flinkConfiguration.get(key))
                    .isPresent();
        }
        assertThat(known.keySet())
                .contains(
                        "state.backend.type",
                        "execution.checkpointing.incremental",
                        "execution.checkpointing.dir",
                        "execution.checkpointing.savepoint-dir",
                        "high-availability.type",
                        "high-availability.storageDir");
    }

    @Test
    void runsOnRocksDbWithIncrementalCheckpointsToS3AndKubernetesHighAvailability() {
        Configuration conf = Configuration.fromMap(flinkConfiguration);
        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).startsWith("s3://");
        assertThat(conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).startsWith("s3://");
        assertThat(conf.get(HighAvailabilityOptions.HA_MODE)).isEqualTo("kubernetes");
        assertThat(conf.get(HighAvailabilityOptions.HA_STORAGE_PATH)).startsWith("s3://");
    }

    @Test
    void keepsNoSecretInTheFile() {
        assertThat(flinkConfiguration.keySet())
                .noneMatch(k -> k.contains("secret") || k.contains("access-key"))
                .noneMatch(k -> k.contains("password"));
        for (Map<String, Object> variable : envList()) {
            String name = (String) variable.get("name");
            if (name.matches(".*(KEY|SECRET|PASSWORD|TOKEN).*")) {
                assertThat(variable)
                        .as("%s comes from a Secret, not a value in this file", name)
                        .doesNotContainKey("value");
                assertThat(map(map(variable, "valueFrom"), "secretKeyRef"))
                        .containsKeys("name", "key");
            }
        }
        assertThat((List<?>) job.get("args"))
                .noneMatch(a -> a.toString().matches("--influx-(password|token)"));
    }

    @Test
    void parallelismFillsTheTaskManagersSlots() {
        int slots = Integer.parseInt(flinkConfiguration.get("taskmanager.numberOfTaskSlots"));
        int parallelism = (Integer) job.get("parallelism");
        assertThat(parallelism).isPositive();
        assertThat(parallelism % slots)
                .as("the operator starts parallelism / slots TaskManagers: none half used")
                .isZero();
        Object replicas = map(spec, "taskManager").get("replicas");
        if (replicas != null) {
            assertThat((Integer) replicas * slots).isGreaterThanOrEqualTo(parallelism);
        }
    }

    private Map<String, String> env() {
        Map<String, String> byName = new HashMap<>();
        for (Map<String, Object> variable : envList()) {
            Object value = variable.get("value");
            byName.put((String) variable.get("name"), value == null ? null : value.toString());
        }
        return byName;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> envList() {
        List<Map<String, Object>> containers =
                (List<Map<String, Object>>) map(map(spec, "podTemplate"), "spec").get("containers");
        Map<String, Object> main =
                containers.stream()
                        .filter(c -> "flink-main-container".equals(c.get("name")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no flink-main-container"));
        return (List<Map<String, Object>>) main.get("env");
    }

    /** Every option's current key in the option classes (deprecated keys are not taken). */
    private static Map<String, ConfigOption<?>> knownOptions() {
        Map<String, ConfigOption<?>> byKey = new HashMap<>();
        for (Class<?> type : OPTION_CLASSES) {
            for (Field field : type.getFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        && ConfigOption.class.isAssignableFrom(field.getType())) {
                    try {
                        ConfigOption<?> option = (ConfigOption<?>) field.get(null);
                        byKey.put(option.key(), option);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return byKey;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null
                && !Files.isRegularFile(dir.resolve("deploy/kubernetes/gridwatch-monitor.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("deploy/kubernetes/gridwatch-monitor.yaml not found");
        }
        return dir;
    }
}
