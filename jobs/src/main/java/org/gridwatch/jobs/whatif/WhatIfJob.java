package org.gridwatch.jobs.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.gridwatch.core.codec.EventCodec;
import org.gridwatch.core.codec.Parsed;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.whatif.LoadSignature;
import org.gridwatch.core.whatif.ScenarioRow;
import org.gridwatch.core.whatif.ScenarioTally;
import org.gridwatch.jobs.influx.InfluxDbSink;

/**
 * The planners' tariff what-if (docs/whatif.md), a Flink job in batch mode over recorded history:
 *
 * <pre>
 * customers.jsonl ─┐ by meter                    by customer                 rebalanced
 * readings.jsonl ──┴─ SignatureBuilding ──► CustomerSignature ◄─ segments ─► ScenarioTallying
 *                     (a signature per meter)  (meters added; segment)      (price every scenario,
 *                                                                            tally per task)
 *   ──► by scenario and group: tallies added ──► ReportSink (scenarios.csv, segments.csv,
 *                                                            report.html)
 * </pre>
 *
 * Each customer's signature is built once from the raw readings; every scenario is priced from it.
 */
public final class WhatIfJob {

    /** Metric names (counters, summed over tasks), for progress and the summary. */
    public static final String READINGS = "whatifReadingsRead";

    public static final String REJECTED = "whatifRecordsRejected";
    public static final String DUPLICATES = "whatifDuplicateReadings";
    public static final String UNKNOWN_METERS = "whatifMetersWithoutCustomer";
    public static final String PRICED = "whatifCustomersPriced";
    public static final String NOT_PRICED = "whatifCustomersNotPriced";

    private final WhatIfSettings settings;

    public WhatIfJob(WhatIfSettings settings) {
        this.settings = settings;
    }

    /** Wires the job into {@code env}, in batch mode. */
    public void build(StreamExecutionEnvironment env) {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        DataStream<Customer> customers =
                lines(env, Source.CUSTOMERS.fileName())
                        .flatMap(new Parse<Customer>(true))
                        .returns(Customer.class)
                        .name("parse customers");
        DataStream<MeterReading> readings =
                lines(env, Source.METER_READINGS.fileName())
                        .flatMap(new Parse<MeterReading>(false))
                        .returns(MeterReading.class)
                        .name("parse readings");
        DataStream<LoadSignature> meters =
                customers
                        .keyBy(Customer::meterId)
                        .connect(readings.keyBy(MeterReading::meterId))
                        .process(new SignatureBuilding(settings))
                        .name("signature of each meter");
        DataStream<Tuple2<String, String>> segments = segments(env);
        DataStream<LoadSignature> signatures =
                meters.keyBy(s -> s.customerId)
                        .connect(segments.keyBy(t -> t.f0))
                        .process(new CustomerSignature())
                        .name("signature of each customer");
        DataStream<ScenarioTally> tallies =
                signatures
                        .rebalance()
                        .transform(
                                "price scenarios",
                                TypeInformation.of(ScenarioTally.class),
                                new ScenarioTallying(settings))
                        .keyBy(ScenarioTally::key)
                        .reduce(ScenarioTally::merge)
                        .name("add up the tallies");
        tallies.sinkTo(new ReportSink(settings)).setParallelism(1).name("report");
        if (settings.influx() != null) {
            tallies.flatMap(new Points(settings))
                    .returns(MetricPoint.class)
                    .name("whatif points")
                    .sinkTo(new InfluxDbSink(settings.influx()))
                    .name("InfluxDB");
        }
    }

    /** A tally as its {@link org.gridwatch.core.metric.Measurements#WHATIF} point. */
    private static final class Points extends RichFlatMapFunction<ScenarioTally, MetricPoint> {
        private final WhatIfSettings settings;
        private transient org.gridwatch.core.tariff.HolidayCalendar calendar;

        Points(WhatIfSettings settings) {
            this.settings = settings;
        }

        @Override
        public void open(OpenContext context) {
            calendar = settings.pricing().calendar();
        }

        @Override
        public void flatMap(ScenarioTally tally, Collector<MetricPoint> out) {
            out.collect(ScenarioRow.of(tally, calendar).point(settings.runMillis()));
        }
    }

    private DataStream<String> lines(StreamExecutionEnvironment env, String fileName) {
        java.nio.file.Path file = java.nio.file.Path.of(settings.inputDir(), fileName);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "the history folder " + settings.inputDir() + " has no " + fileName);
        }
        return lines(env, file, fileName);
    }

    private static DataStream<String> lines(
            StreamExecutionEnvironment env, java.nio.file.Path file, String name) {
        FileSource<String> source =
                FileSource.forRecordStreamFormat(
                                new TextLineInputFormat(), new Path(file.toUri().toString()))
                        .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "file: " + name);
    }

    private DataStream<Tuple2<String, String>> segments(StreamExecutionEnvironment env) {
        TypeInformation<Tuple2<String, String>> type =
                TypeInformation.of(new TypeHint<Tuple2<String, String>>() {});
        if (settings.segmentsFile() == null) {
            return env.fromData(type, new Tuple2<>("", "")).filter(t -> false).returns(type);
        }
        java.nio.file.Path file = java.nio.file.Path.of(settings.segmentsFile());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--segments: " + file + ": no such file");
        }
        return lines(env, file, file.getFileName().toString())
                .flatMap(new SegmentOf())
                .returns(type)
                .name("parse segments");
    }

    /** A contract record parsed and validated; a record that cannot be used is counted. */
    private static final class Parse<T> extends RichFlatMapFunction<String, T> {
        private final boolean customers;
        private transient EventCodec codec;
        private transient Counter read;
        private transient Counter rejected;

        Parse(boolean customers) {
            this.customers = customers;
        }

        @Override
        public void open(OpenContext context) {
            codec = new EventCodec();
            read =
                    getRuntimeContext()
                            .getMetricGroup()
                            .counter(customers ? "customersRead" : READINGS);
            rejected = getRuntimeContext().getMetricGroup().counter(REJECTED);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void flatMap(String line, Collector<T> out) {
            if (line.isBlank()) {
                return;
            }
            Parsed<?> parsed = customers ? codec.parseCustomer(line) : codec.parseReading(line);
            if (parsed instanceof Parsed.Ok<?> ok) {
                read.inc();
                out.collect((T) ok.value());
            } else {
                rejected.inc();
            }
        }
    }

    /** The customer and segment of a line of the monitor's segments.jsonl. */
    private static final class SegmentOf
            extends RichFlatMapFunction<String, Tuple2<String, String>> {
        private transient ObjectMapper json;

        @Override
        public void open(OpenContext context) {
            json = new ObjectMapper();
        }

        @Override
        public void flatMap(String line, Collector<Tuple2<String, String>> out) {
            try {
                JsonNode node = json.readTree(line);
                if (node.hasNonNull("customerId") && node.hasNonNull("segment")) {
                    out.collect(
                            new Tuple2<>(
                                    node.get("customerId").asText(), node.get("segment").asText()));
                }
            } catch (Exception e) {
                // not a segment record: skipped (the file is the monitor's own output)
            }
        }
    }
}
