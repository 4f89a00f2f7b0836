package org.gridwatch.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.core.event.Source;
import org.gridwatch.jobs.MonitorJob;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.bench.BaselineJob;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.jobs.io.FileOutputs;
import org.gridwatch.jobs.io.KafkaInputs;
import org.gridwatch.jobs.io.KafkaOutputs;
import org.gridwatch.jobs.io.MonitorInputs;
import org.gridwatch.jobs.io.MonitorOutputs;

/**
 * Where {@code gridwatch bench} runs its jobs: a Flink in this JVM ({@link InProcess}), or a JVM of
 * the job's own, started once and given every round of its job ({@link Worker}, {@code
 * --separate-jvms}). In one JVM the two jobs share the JIT's compiled code: Flink's runtime,
 * compiled for the baseline's few record types, is thrown away and compiled again for the monitor's
 * every round, and the other way round (session 15 measured the compiler threads at 18.5% of a warm
 * Kafka round's CPU). A user runs the monitor in a JVM of its own.
 */
interface BenchHost extends AutoCloseable {

    /** The monitor job over a replay folder, writing its files to {@code out}. */
    BenchCommand.Ran monitorFiles(Path data, Path out) throws Exception;

    /** The trivial baseline over the folder's readings. */
    BenchCommand.Ran baselineFiles(Path data) throws Exception;

    /**
     * The monitor job over the broker's topics, from the start, in consumer group {@code group}.
     */
    BenchCommand.Ran monitorKafka(String servers, String group) throws Exception;

    /** The trivial baseline over the broker's readings topic. */
    BenchCommand.Ran baselineKafka(String servers, String group) throws Exception;

    /** What the last monitor run held at its last checkpoint, per customer ({@code out}). */
    void printState(Path data, PrintWriter out) throws Exception;

    /** The process the jobs run in. */
    long pid();

    /** Runs the jobs in a local Flink of this JVM. */
    final class InProcess implements BenchHost {
        private final LocalFlink flink;
        private final long checkpointIntervalMs;
        private BenchCommand.Ran lastMonitor;

        InProcess(int parallelism, int taskManagers, long checkpointIntervalMs) throws Exception {
            this.flink = LocalFlink.start(parallelism, 0, taskManagers);
            this.checkpointIntervalMs = checkpointIntervalMs;
        }

        @Override
        public BenchCommand.Ran monitorFiles(Path data, Path out) throws Exception {
            return monitor(
                    new FileInputs(data), new FileOutputs(out, MonitorSettings.DEFAULT.zone()));
        }

        @Override
        public BenchCommand.Ran baselineFiles(Path data) throws Exception {
            StreamExecutionEnvironment env = flink.environment();
            BaselineJob.overFile(env, data.resolve(Source.METER_READINGS.fileName()));
            return run(env);
        }

        @Override
        public BenchCommand.Ran monitorKafka(String servers, String group) throws Exception {
            return monitor(
                    new KafkaInputs(servers, group, true),
                    new KafkaOutputs(servers, MonitorSettings.DEFAULT.zone(), group));
        }

        @Override
        public BenchCommand.Ran baselineKafka(String servers, String group) throws Exception {
            StreamExecutionEnvironment env = flink.environment();
            BaselineJob.overKafka(env, servers, Source.METER_READINGS.topic(), group);
            return run(env);
        }

        @Override
        public void printState(Path data, PrintWriter out) throws Exception {
            if (lastMonitor != null) {
                BenchCommand.printState(flink, lastMonitor, data, out);
            }
        }

        /** The monitor job as `gridwatch monitor` wires it, with its live summary. */
        private BenchCommand.Ran monitor(MonitorInputs inputs, MonitorOutputs outputs)
                throws Exception {
            MonitorSettings settings = BenchCommand.monitorSettings(flink, checkpointIntervalMs);
            try (LiveSummary summary = LiveSummary.open(settings.allowedLateness())) {
                StreamExecutionEnvironment env = flink.environment();
                new MonitorJob(
                                new CountedInputs(inputs, summary),
                                MonitorOutputs.all(
                                        List.of(outputs, new LiveSummaryOutputs(summary))),
                                settings)
                        .build(env);
                lastMonitor = run(env);
                return lastMonitor;
            }
        }

        /**
         * Runs the job wired into {@code env} to its end: its wall time and this JVM's CPU time.
         */
        private BenchCommand.Ran run(StreamExecutionEnvironment env) throws Exception {
            long started = System.nanoTime();
            long cpuBefore = processCpuNanos();
            long jitBefore = jitMillis();
            JobID job = flink.submit(env, "bench");
            JobResult result = flink.result(job).get();
            long took = System.nanoTime() - started;
            long cpu = processCpuNanos() - cpuBefore;
            long jit = (jitMillis() - jitBefore) * 1_000_000L;
            Throwable failure = LocalFlink.failure(result);
            if (failure != null) {
                throw new IllegalStateException("the job failed: " + LocalFlink.reason(failure));
            }
            return new BenchCommand.Ran(job, took, cpu, jit);
        }

        /**
         * The time this JVM's compiler threads have spent compiling, summed over them; 0 on a JVM
         * that does not measure it (HotSpot does), where {@code --warmup auto} then stops after one
         * warm-up round and the JIT columns read 0.
         */
        private static long jitMillis() {
            java.lang.management.CompilationMXBean jit =
                    java.lang.management.ManagementFactory.getCompilationMXBean();
            return jit != null && jit.isCompilationTimeMonitoringSupported()
                    ? jit.getTotalCompilationTime()
                    : 0;
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean)
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        @Override
        public long pid() {
            return ProcessHandle.current().pid();
        }

        @Override
        public void close() throws Exception {
            flink.close();
        }
    }

    /**
     * Runs the jobs in a JVM of their own: this JVM's command line (its options and class path)
     * with {@link BenchWorker} as the main class, spoken to by a line protocol on its standard
     * input and output. Its CPU time is its own process's: the broker (in this JVM) is not in it.
     */
    final class Worker implements BenchHost {
        private final Process process;
        private final BufferedWriter commands;
        private final BufferedReader replies;

        Worker(int parallelism, int taskManagers, long checkpointIntervalMs) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String option :
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!option.startsWith("-agentlib:jdwp")) {
                    command.add(option);
                }
            }
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(BenchWorker.class.getName());
            command.add(Integer.toString(parallelism));
            command.add(Integer.toString(taskManagers));
            command.add(Long.toString(checkpointIntervalMs));
            process =
                    new ProcessBuilder(command)
                            .redirectError(ProcessBuilder.Redirect.INHERIT)
                            .start();
            commands =
                    new BufferedWriter(
                            new OutputStreamWriter(
                                    process.getOutputStream(), StandardCharsets.UTF_8));
            replies =
                    new BufferedReader(
                            new InputStreamReader(
                                    process.getInputStream(), StandardCharsets.UTF_8));
            awaitReply(null);
        }

        @Override
        public BenchCommand.Ran monitorFiles(Path data, Path out) throws Exception {
            return ran(ask(null, "monitorFiles", data.toString(), out.toString()));
        }

        @Override
        public BenchCommand.Ran baselineFiles(Path data) throws Exception {
            return ran(ask(null, "baselineFiles", data.toString()));
        }

        @Override
        public BenchCommand.Ran monitorKafka(String servers, String group) throws Exception {
            return ran(ask(null, "monitorKafka", servers, group));
        }

        @Override
        public BenchCommand.Ran baselineKafka(String servers, String group) throws Exception {
            return ran(ask(null, "baselineKafka", servers, group));
        }

        @Override
        public void printState(Path data, PrintWriter out) throws Exception {
            ask(out, "printState", data.toString());
        }

        private static BenchCommand.Ran ran(String[] reply) {
            return new BenchCommand.Ran(
                    null,
                    Long.parseLong(reply[1]),
                    Long.parseLong(reply[2]),
                    Long.parseLong(reply[3]));
        }

        private String[] ask(PrintWriter out, String... words) throws IOException {
            commands.write(String.join("\t", words));
            commands.newLine();
            commands.flush();
            return awaitReply(out);
        }

        /**
         * Reads the worker's lines up to its answer; what it says for the user goes to {@code out}.
         */
        private String[] awaitReply(PrintWriter out) throws IOException {
            for (String line; (line = replies.readLine()) != null; ) {
                String[] words = line.split("\t", -1);
                switch (words[0]) {
                    case BenchWorker.SAY -> {
                        if (out != null) {
                            out.println(words.length > 1 ? words[1] : "");
                            out.flush();
                        }
                    }
                    case BenchWorker.DONE -> {
                        return words;
                    }
                    case BenchWorker.FAILED ->
                            throw new IllegalStateException(
                                    "the bench's worker JVM: "
                                            + (words.length > 1 ? words[1] : ""));
                    default -> {
                        // anything else the worker's libraries print
                    }
                }
            }
            throw new IllegalStateException(
                    "the bench's worker JVM ended (exit code "
                            + waitForExit()
                            + "); its error output is above");
        }

        private int waitForExit() {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public void close() throws Exception {
            commands.close(); // end of input: the worker closes its Flink and exits
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The message of a failure on one line, for the worker protocol. */
    static String oneLine(Throwable t) {
        return (t.getClass().getSimpleName() + ": " + t.getMessage())
                .replace('\n', ' ')
                .replace('\t', ' ');
    }
}
