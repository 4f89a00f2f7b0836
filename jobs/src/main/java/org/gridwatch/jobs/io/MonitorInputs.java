package org.gridwatch.jobs.io;

import java.io.Serializable;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.core.event.Source;

/**
 * Where the monitor job reads its inputs: Kafka topics in production, a folder of .jsonl files for
 * a replay, anything a test likes. Each input is its raw records, one JSON object per element;
 * event time is assigned after parsing, so every implementation gives the same results.
 */
public interface MonitorInputs extends Serializable {

    /** The raw records of one input, or empty when this deployment has no such stream. */
    Optional<DataStream<String>> open(StreamExecutionEnvironment env, Source source);
}
