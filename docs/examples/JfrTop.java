import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's execution samples fall, within a window of time: by thread, by the
 * method on top of the stack (self) and by every method on the stack (inclusive). A profile of a
 * bench's measured rounds only, from a recording started with the worker JVM (docs/benchmarks.md,
 * "Session 20"). Run with Java 17's single-file launcher:
 *
 * <pre>
 * java docs/examples/JfrTop.java REC.jfr windows THREAD-PREFIX
 *     the seconds (epoch) in which a thread ran, in runs: one run a bench round
 * java docs/examples/JfrTop.java REC.jfr FROM TO [THREAD-PREFIX [DEPTH]]
 *     the samples from FROM to TO (epoch seconds), of threads whose name starts with the prefix
 *     ("" for all), each self entry DEPTH frames deep (1)
 * </pre>
 */
public class JfrTop {
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[1].equals("windows")) {
            windows(Path.of(args[0]), args[2]);
        } else if (args.length >= 3) {
            top(
                    Path.of(args[0]),
                    Instant.ofEpochSecond(Long.parseLong(args[1])),
                    Instant.ofEpochSecond(Long.parseLong(args[2])),
                    args.length > 3 ? args[3] : "",
                    args.length > 4 ? Integer.parseInt(args[4]) : 1);
        } else {
            System.err.println(
                    "usage: JfrTop REC.jfr windows THREAD-PREFIX | REC.jfr FROM TO [PREFIX [DEPTH]]");
            System.exit(2);
        }
    }

    interface Sample {
        void accept(RecordedEvent event, String thread);
    }

    private static void eachSample(Path file, Sample sample) throws Exception {
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    RecordedThread t = e.getThread("sampledThread");
                    String name = t == null || t.getJavaName() == null ? "?" : t.getJavaName();
                    // Flink's subtask suffix "(1/2)#0" and other numbers: one line a task
                    sample.accept(
                            e, name.replaceAll("\\(\\d+/\\d+\\)#\\d+", "").replaceAll("\\d+", "N"));
                }
            }
        }
    }

    private static void windows(Path file, String prefix) throws Exception {
        TreeMap<Long, Integer> perSecond = new TreeMap<>();
        eachSample(
                file,
                (e, thread) -> {
                    if (thread.startsWith(prefix)) {
                        perSecond.merge(e.getStartTime().getEpochSecond(), 1, Integer::sum);
                    }
                });
        Long start = null;
        long previous = 0;
        int samples = 0;
        for (Map.Entry<Long, Integer> s : perSecond.entrySet()) {
            if (start != null && s.getKey() - previous > 1) {
                System.out.println(start + " " + previous + " " + samples + " samples");
                start = null;
                samples = 0;
            }
            if (start == null) {
                start = s.getKey();
            }
            previous = s.getKey();
            samples += s.getValue();
        }
        if (start != null) {
            System.out.println(start + " " + previous + " " + samples + " samples");
        }
    }

    private static void top(Path file, Instant from, Instant to, String prefix, int depth)
            throws Exception {
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int[] total = {0};
        eachSample(
                file,
                (e, thread) -> {
                    if (e.getStartTime().isBefore(from)
                            || e.getStartTime().isAfter(to)
                            || !thread.startsWith(prefix)) {
                        return;
                    }
                    total[0]++;
                    threads.merge(thread, 1, Integer::sum);
                    if (e.getStackTrace() == null) {
                        return;
                    }
                    List<RecordedFrame> frames = e.getStackTrace().getFrames();
                    StringBuilder top = new StringBuilder();
                    for (int i = 0; i < Math.min(depth, frames.size()); i++) {
                        top.append(i == 0 ? "" : " <- ").append(shortName(frames.get(i)));
                    }
                    self.merge(top.toString(), 1, Integer::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame f : frames) {
                        RecordedMethod m = f.getMethod();
                        String name = m.getType().getName() + "." + m.getName();
                        if (seen.add(name)) {
                            inclusive.merge(name, 1, Integer::sum);
                        }
                    }
                });
        System.out.println(total[0] + " samples");
        print("by thread", threads, total[0], 20);
        print("self", self, total[0], 40);
        print("inclusive", inclusive, total[0], 60);
    }

    private static String shortName(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        return m.getType().getName().replaceAll("^.*\\.", "") + "." + m.getName();
    }

    private static void print(String title, Map<String, Integer> counts, int total, int lines) {
        System.out.println("== " + title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(lines)
                .forEach(
                        c ->
                                System.out.printf(
                                        "%6.2f%% %6d  %s%n",
                                        100.0 * c.getValue() / Math.max(1, total),
                                        c.getValue(),
                                        c.getKey()));
    }
}
