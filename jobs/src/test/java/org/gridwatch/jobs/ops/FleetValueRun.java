package org.gridwatch.jobs.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.core.billing.BillingSchedule;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.value.CustomerStanding;
import org.gridwatch.core.value.ValueModel;
import org.gridwatch.jobs.MonitorSettings;

/**
 * The fleet value's steps as a job of their own in the test's MiniCluster, over a script of
 * standings and watermarks played in its order by one source: what the customer operators would
 * send, with event time moving exactly where the script says.
 */
final class FleetValueRun {
    private FleetValueRun() {}

    static final BillingSchedule SCHEDULE =
            new BillingSchedule(
                    MonitorSettings.DEFAULT.zone(),
                    MonitorSettings.DEFAULT.allowedLateness().toMillis());

    /** One line of a script: a standing at its event time, or a watermark. */
    public record Step(CustomerStanding standing, long timestamp, boolean watermark) {
        static Step of(CustomerStanding s) {
            return new Step(s, s.tsMillis(), false);
        }

        static Step watermark(long millis) {
            return new Step(null, millis, true);
        }
    }

    /** A record or point as it left the steps, with its event time. */
    record Stamped<T>(T value, Long timestamp) {}

    /** What the steps wrote. */
    record Output(List<Stamped<SegmentChange>> segments, List<Stamped<MetricPoint>> metrics) {
        List<SegmentChange> records() {
            return segments.stream().map(Stamped::value).toList();
        }

        List<MetricPoint> points(String measurement) {
            return metrics.stream()
                    .map(Stamped::value)
                    .filter(p -> p.measurement().equals(measurement))
                    .toList();
        }
    }

    /** The script with a watermark just behind each standing that moves event time on. */
    static List<Step> inOrder(List<CustomerStanding> sortedByTime) {
        List<Step> script = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (CustomerStanding s : sortedByTime) {
            if (s.tsMillis() > last) {
                if (last != Long.MIN_VALUE) {
                    script.add(Step.watermark(s.tsMillis() - 1));
                }
                last = s.tsMillis();
            }
            script.add(Step.of(s));
        }
        return script;
    }

    /** The steps over {@code script} at {@code parallelism}. */
    static Output run(List<Step> script, ValueModel model, int parallelism) throws Exception {
        return run(script, parallelism, standings -> FleetValue.of(standings, model, SCHEDULE));
    }

    /** Any fleet value over {@code script}: the steps, or a reference to hold them to. */
    static Output run(
            List<Step> script,
            int parallelism,
            java.util.function.Function<DataStream<CustomerStanding>, FleetValue.Outputs> value)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        DataStream<CustomerStanding> standings =
                env.fromData(Types.POJO(Step.class), script.toArray(Step[]::new))
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Step>forGenerator(c -> new AsScripted())
                                        .withTimestampAssigner((s, t) -> s.timestamp()))
                        .setParallelism(1)
                        .filter(s -> !s.watermark())
                        .setParallelism(1)
                        .map(Step::standing)
                        .returns(Types.POJO(CustomerStanding.class))
                        .setParallelism(1);
        FleetValue.Outputs out = value.apply(standings);
        String id = UUID.randomUUID().toString();
        out.segments().sinkTo(new Collect<>(id + "/segments"));
        for (DataStream<MetricPoint> m : out.metrics()) {
            m.sinkTo(new Collect<>(id + "/metrics"));
        }
        env.execute("fleet value " + id);
        return new Output(collected(id + "/segments"), collected(id + "/metrics"));
    }

    @SuppressWarnings("unchecked")
    private static <T> List<Stamped<T>> collected(String name) {
        return new ArrayList<>((List<Stamped<T>>) (List<?>) RESULTS.getOrDefault(name, List.of()));
    }

    /** Watermarks where the script puts them, none elsewhere. */
    private static final class AsScripted implements WatermarkGenerator<Step> {
        @Override
        public void onEvent(Step step, long eventTimestamp, WatermarkOutput output) {
            if (step.watermark()) {
                output.emitWatermark(new Watermark(step.timestamp()));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();

    private static final class Collect<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;
        private final String name;

        Collect(String name) {
            this.name = name;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            List<Object> list = RESULTS.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context context) {
                    list.add(new Stamped<>(element, context.timestamp()));
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
