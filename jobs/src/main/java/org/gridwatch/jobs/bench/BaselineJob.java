package org.gridwatch.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * The trivial job {@code gridwatch bench} measures the monitor against: read the meter readings,
 * parse each line's JSON, key by meter and keep each meter's energy summed in keyed state. It is
 * the least any job over these readings must do (read, parse, shuffle by key, touch state), so the
 * ratio of the monitor's throughput to this one's says what the monitor's own work costs on the
 * machine at hand, whatever the machine.
 */
public final class BaselineJob {
    private BaselineJob() {}

    /** Wires the job over a .jsonl file of readings (one JSON object a line). */
    public static void overFile(StreamExecutionEnvironment env, java.nio.file.Path readings) {
        FileSource<String> lines =
                FileSource.forRecordStreamFormat(
                                new TextLineInputFormat(),
                                new Path(readings.toAbsolutePath().toUri().toString()))
                        .build();
        sumPerMeter(env, lines, "file: " + readings.getFileName());
    }

    /** Wires the job over a Kafka topic of readings, read from its start to the end at start. */
    public static void overKafka(
            StreamExecutionEnvironment env, String bootstrapServers, String topic, String group) {
        KafkaSource<String> records =
                KafkaSource.<String>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(topic)
                        .setGroupId(group)
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setBounded(OffsetsInitializer.latest())
                        .setValueOnlyDeserializer(
                                new org.apache.flink.api.common.serialization.SimpleStringSchema())
                        .build();
        sumPerMeter(env, records, "kafka: " + topic);
    }

    private static void sumPerMeter(
            StreamExecutionEnvironment env, Source<String, ?, ?> source, String name) {
        DataStream<String> lines = env.fromSource(source, WatermarkStrategy.noWatermarks(), name);
        lines.flatMap(new ParseReading())
                .returns(Types.TUPLE(Types.STRING, Types.DOUBLE))
                .name("parse JSON")
                .keyBy(r -> r.f0)
                .process(new SumPerMeter())
                .name("sum per meter in keyed state")
                .sinkTo(new DiscardingSink<>())
                .name("discard");
    }

    /** A reading's meter and energy; lines that are not a reading are skipped. */
    static final class ParseReading
            implements org.apache.flink.api.common.functions.FlatMapFunction<
                    String, Tuple2<String, Double>> {
        private static final long serialVersionUID = 1L;
        private static final ObjectReader JSON = new ObjectMapper().readerFor(JsonNode.class);

        @Override
        public void flatMap(String line, Collector<Tuple2<String, Double>> out) {
            try {
                JsonNode node = JSON.readTree(line);
                JsonNode meter = node == null ? null : node.get("meterId");
                JsonNode kwh = node == null ? null : node.get("kwh");
                if (meter != null && meter.isTextual() && kwh != null && kwh.isNumber()) {
                    out.collect(Tuple2.of(meter.textValue(), kwh.doubleValue()));
                }
            } catch (IOException notJson) {
                // skipped: the baseline only counts what it can parse
            }
        }
    }

    /** Adds each reading's energy to its meter's sum; emits nothing. */
    static final class SumPerMeter
            extends KeyedProcessFunction<String, Tuple2<String, Double>, Double> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<Double> sum;

        @Override
        public void open(OpenContext openContext) {
            sum = getRuntimeContext().getState(new ValueStateDescriptor<>("kwh", Types.DOUBLE));
        }

        @Override
        public void processElement(
                Tuple2<String, Double> reading, Context ctx, Collector<Double> out)
                throws IOException {
            Double before = sum.value();
            sum.update(before == null ? reading.f1 : before + reading.f1);
        }
    }
}
