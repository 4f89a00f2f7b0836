package org.gridwatch.jobs.io;

import java.io.Serializable;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.ops.InputKind;

/**
 * Where the monitor job reads its inputs: Kafka topics in production, a folder of .jsonl files for
 * a replay. Each input's source parses and times its records ({@link Arrival}, with watermarks per
 * Kafka partition or file from {@link ArrivalTiming}), so every implementation gives the same
 * results.
 */
public interface MonitorInputs extends Serializable {

    /** The arrivals of one input, or empty when this deployment has no such stream. */
    <T> Optional<DataStream<Arrival<T>>> open(
            StreamExecutionEnvironment env, InputKind<T> kind, MonitorSettings settings);

    /**
     * The live what-if scenarios fixed for the whole run, as the records of {@code
     * tariff-scenarios.jsonl}: a replay reads them when the job is built, so every quarter hour of
     * the history is shadow-priced alike (a stream would reach the operators at no fixed point of
     * the history). Empty where scenarios come as a stream ({@link
     * org.gridwatch.jobs.ops.InputKind#TARIFF_SCENARIOS}).
     */
    default java.util.List<String> fixedScenarioRecords() {
        return java.util.List.of();
    }
}
