package org.gridwatch.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.ObjectName;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.core.event.Source;
import org.gridwatch.embedded.EmbeddedKafka;
import org.gridwatch.jobs.MonitorJob;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.io.FileOutputs;
import org.gridwatch.jobs.io.KafkaInputs;
import org.gridwatch.jobs.io.MonitorOutputs;

/**
 * {@code gridwatch bench --heap}: the heap the monitor's state takes on the heap backend.
 *
 * <p>Every input is loaded into an in-process broker and the monitor reads it unbounded (as it runs
 * in production), writing files as a replay does, so that when every record has been read its state
 * is the state at the data's last event time and stays so: no end of input fires the remaining
 * timers. The live heap is then taken from the JVM's class histogram (which runs a full GC first:
 * only reachable objects count) while the job holds its state, and compared with the live heap
 * before the job was submitted (the broker loaded, the cluster up). The difference is what the job
 * holds: its state, plus a fixed part (operators, metrics, the Kafka consumers' buffers) that the
 * difference between two fleet sizes removes.
 */
final class HeapBench {

    private HeapBench() {}

    static void run(
            Path data,
            int parallelism,
            int taskManagers,
            long checkpointIntervalMs,
            Path scratch,
            Path heapDump,
            PrintWriter out)
            throws Exception {
        long customers = BenchCommand.lines(data.resolve(Source.CUSTOMERS.fileName()));
        Map<String, Long> expected = new HashMap<>();
        for (Source s :
                List.of(
                        Source.CUSTOMERS,
                        Source.METER_READINGS,
                        Source.AREA_READINGS,
                        Source.PAYMENTS,
                        Source.INSPECTIONS)) {
            expected.put(s.topic(), BenchCommand.lines(data.resolve(s.fileName())));
        }
        try (EmbeddedKafka kafka = QuietKafka.start();
                LocalFlink flink = LocalFlink.start(parallelism, 0, taskManagers);
                LiveSummary summary = LiveSummary.open(MonitorSettings.DEFAULT.allowedLateness())) {
            long loaded = KafkaLoad.topics(kafka, data, parallelism);
            out.printf(Locale.ROOT, "bench --heap: %,d records loaded into Kafka%n", loaded);
            out.flush();
            Histogram before = Histogram.take();
            MonitorSettings settings =
                    MonitorSettings.DEFAULT
                            .withCheckpointDir(flink.scratchCheckpoints())
                            .withCheckpointInterval(
                                    java.time.Duration.ofMillis(checkpointIntervalMs));
            StreamExecutionEnvironment env = flink.environment();
            new MonitorJob(
                            new CountedInputs(
                                    new KafkaInputs(kafka.bootstrapServers(), "bench-heap", false),
                                    summary),
                            MonitorOutputs.all(
                                    List.of(
                                            new FileOutputs(
                                                    scratch.resolve("heap-out"), settings.zone()),
                                            new LiveSummaryOutputs(summary))),
                            settings)
                    .build(env);
            long started = System.nanoTime();
            JobID job = flink.submit(env, "bench heap");
            waitForAll(summary, expected, out);
            Thread.sleep(quietMillis(settings, checkpointIntervalMs));
            out.printf(
                    Locale.ROOT,
                    "bench --heap: every record read, %.0f s after submission%n",
                    (System.nanoTime() - started) / 1e9);
            try {
                BenchCommand.printState(flink, new BenchCommand.Ran(job, 0, 0, 0), data, out);
            } catch (java.io.IOException e) {
                out.println("  (the checkpoint statistics did not answer: " + e + ")");
            }
            Histogram holding = Histogram.take();
            if (heapDump != null) {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpHeap(heapDump.toString(), true);
                out.printf(Locale.ROOT, "  live heap written to %s%n", heapDump);
            }
            long retained = holding.total - before.total;
            out.printf(
                    Locale.ROOT,
                    "  live heap: %,d B before the job (broker loaded, cluster up), %,d B with the"
                            + " job holding its state%n",
                    before.total,
                    holding.total);
            out.printf(
                    Locale.ROOT,
                    "  taken by the job: %,d B, %,.0f B per customer (%,d customers; includes the"
                            + " job's fixed part: take the difference of two fleet sizes)%n",
                    retained,
                    (double) retained / customers,
                    customers);
            out.println("  by class, holding less before (B, objects; per customer, and in all):");
            List<Map.Entry<String, long[]>> rows = new ArrayList<>();
            for (Map.Entry<String, long[]> e : holding.byClass.entrySet()) {
                long[] b = before.byClass.getOrDefault(e.getKey(), new long[2]);
                long[] d = {e.getValue()[0] - b[0], e.getValue()[1] - b[1]};
                if (d[1] != 0) {
                    rows.add(Map.entry(e.getKey(), d));
                }
            }
            rows.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
            for (Map.Entry<String, long[]> r : rows.subList(0, Math.min(60, rows.size()))) {
                out.printf(
                        Locale.ROOT,
                        "    %,9.1f B %,8.2f objects %,14d B %,10d  %s%n",
                        (double) r.getValue()[1] / customers,
                        (double) r.getValue()[0] / customers,
                        r.getValue()[1],
                        r.getValue()[0],
                        r.getKey());
            }
            flink.cancel(job);
            QuietKafka.clientsToLogFileOnly();
            out.flush();
        }
    }

    /** Waits until the job has read every record of every input. */
    /**
     * How long to wait, once every record is read, before the state is taken: until what was read
     * has passed through the operators (their counts stop moving) and a checkpoint after that has
     * the state's serialized size, and until the streams that fell silent have gone idle. Those
     * (payments, inspections: read to their ends long before the readings) hold event time back at
     * their last record until then, and every operator behind them holds what its event time has
     * not closed: a fleet read within the idleness measured 17.9 kB a customer serialized where it
     * holds 4.1 kB (docs/benchmarks.md, session 38).
     */
    static long quietMillis(MonitorSettings settings, long checkpointIntervalMs) {
        long settled = Math.max(SETTLE_MILLIS, 3 * checkpointIntervalMs);
        return Math.max(settled, settings.idleness().toMillis() + AFTER_IDLE_MILLIS);
    }

    /** The least wait for the operators' counts to stop moving once every record is read. */
    private static final long SETTLE_MILLIS = 20_000;

    /**
     * After the silent streams went idle (idleness is counted from their last record, read long
     * before): for the watermark they no longer hold back to pass through the job.
     */
    private static final long AFTER_IDLE_MILLIS = 10_000;

    private static void waitForAll(LiveSummary summary, Map<String, Long> expected, PrintWriter out)
            throws InterruptedException {
        long lastReport = System.nanoTime();
        while (true) {
            SummarySnapshot now = summary.snapshot();
            boolean all = true;
            for (Map.Entry<String, Long> e : expected.entrySet()) {
                all &= now.read(e.getKey()) >= e.getValue();
            }
            if (all) {
                return;
            }
            if (System.nanoTime() - lastReport > 30_000_000_000L) {
                out.printf(
                        Locale.ROOT,
                        "bench --heap: %,d readings read%n",
                        now.read(Source.METER_READINGS.topic()));
                out.flush();
                lastReport = System.nanoTime();
            }
            Thread.sleep(500);
        }
    }

    /** The JVM's live objects by class: instances and bytes (a full GC first). */
    private record Histogram(long total, Map<String, long[]> byClass) {

        static Histogram take() throws Exception {
            String text =
                    (String)
                            ManagementFactory.getPlatformMBeanServer()
                                    .invoke(
                                            new ObjectName(
                                                    "com.sun.management:type=DiagnosticCommand"),
                                            "gcClassHistogram",
                                            new Object[] {new String[0]},
                                            new String[] {String[].class.getName()});
            Map<String, long[]> byClass = new HashMap<>();
            long total = 0;
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 3 && f[0].equals("Total")) {
                    total = Long.parseLong(f[2]);
                } else if (f.length >= 4 && f[0].endsWith(":")) {
                    byClass.merge(
                            f[3],
                            new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])},
                            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                }
            }
            return new Histogram(total, byClass);
        }
    }
}
