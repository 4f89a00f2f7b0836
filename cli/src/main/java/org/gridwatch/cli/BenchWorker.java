package org.gridwatch.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The JVM of one job of {@code gridwatch bench --separate-jvms} ({@link BenchHost.Worker}): a local
 * Flink, kept for every round, that runs what each line of its standard input asks (tab-separated:
 * {@code monitorFiles DATA OUT}, {@code baselineFiles DATA}, {@code monitorKafka SERVERS GROUP},
 * {@code baselineKafka SERVERS GROUP}, {@code printState DATA}) and answers on its standard output
 * with {@link #DONE} and the run's wall, CPU and compiling nanoseconds, or {@link #FAILED} and why.
 * Lines for the user go out as {@link #SAY}; anything else on standard output is ignored by the
 * bench. Ends at the end of its input.
 *
 * <p>Arguments: parallelism, task managers, checkpoint interval (ms).
 */
public final class BenchWorker {
    static final String DONE = "bench-worker-done";
    static final String FAILED = "bench-worker-failed";
    static final String SAY = "bench-worker-say";

    private BenchWorker() {}

    public static void main(String[] args) throws Exception {
        // The protocol has standard output to itself: a library that prints there cannot be
        // taken for an answer, as every answer starts with one of the words above.
        PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (BenchHost host =
                new BenchHost.InProcess(
                        Integer.parseInt(args[0]),
                        Integer.parseInt(args[1]),
                        Long.parseLong(args[2]))) {
            protocol.println(DONE + "\tready");
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                String[] w = line.split("\t", -1);
                try {
                    protocol.println(answer(host, w, protocol));
                } catch (Exception e) {
                    protocol.println(FAILED + "\t" + BenchHost.oneLine(e));
                }
            }
        }
    }

    private static String answer(BenchHost host, String[] w, PrintStream protocol)
            throws Exception {
        BenchCommand.Ran ran =
                switch (w[0]) {
                    case "monitorFiles" -> host.monitorFiles(Path.of(w[1]), Path.of(w[2]));
                    case "baselineFiles" -> host.baselineFiles(Path.of(w[1]));
                    case "monitorKafka" -> host.monitorKafka(w[1], w[2]);
                    case "baselineKafka" -> host.baselineKafka(w[1], w[2]);
                    case "printState" -> {
                        StringWriter text = new StringWriter();
                        try (PrintWriter out = new PrintWriter(text)) {
                            host.printState(Path.of(w[1]), out);
                        }
                        for (String said : text.toString().split("\n")) {
                            protocol.println(SAY + "\t" + said);
                        }
                        yield null;
                    }
                    default -> throw new IllegalArgumentException("unknown command " + w[0]);
                };
        return ran == null
                ? DONE
                : DONE + "\t" + ran.nanos() + "\t" + ran.cpuNanos() + "\t" + ran.jitNanos();
    }
}
