package org.gridwatch.cli;

import java.util.Optional;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.core.event.Source;
import org.gridwatch.jobs.io.MonitorInputs;

/**
 * Inputs whose raw records are counted into a {@link LiveSummary} as they are read, before any
 * parsing: the terminal's "records read" and "readings/s". The job's own ingest metrics come only
 * as event time passes each quarter hour, which can lag the reading by a minute (a stream's
 * idleness); these counts do not.
 */
final class CountedInputs implements MonitorInputs {
    private static final long serialVersionUID = 1L;

    private final MonitorInputs inputs;
    private final String summaryId;

    CountedInputs(MonitorInputs inputs, LiveSummary summary) {
        this.inputs = inputs;
        this.summaryId = summary.id();
    }

    @Override
    public Optional<DataStream<String>> open(StreamExecutionEnvironment env, Source source) {
        return inputs.open(env, source)
                .map(
                        raw ->
                                raw.map(new CountRead(summaryId, source.topic()))
                                        .name("count read " + source.topic())
                                        .uid("count-read-" + source.topic()));
    }

    private static final class CountRead implements MapFunction<String, String> {
        private static final long serialVersionUID = 1L;

        private final String summaryId;
        private final String topic;
        private transient LiveSummary summary;
        private transient boolean looked;

        CountRead(String summaryId, String topic) {
            this.summaryId = summaryId;
            this.topic = topic;
        }

        @Override
        public String map(String record) {
            if (!looked) {
                summary = LiveSummary.find(summaryId);
                looked = true;
            }
            if (summary != null) {
                summary.read(topic);
            }
            return record;
        }
    }
}
