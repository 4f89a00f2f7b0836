package org.gridwatch.cli;

import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.io.Arrival;
import org.gridwatch.jobs.io.MonitorInputs;
import org.gridwatch.jobs.ops.InputKind;

/**
 * Inputs whose records are counted into a {@link LiveSummary} as they are read: the terminal's
 * "records read" and "readings/s". The job's own ingest metrics come only as event time passes each
 * quarter hour, which can lag the reading by a minute (a stream's idleness); these counts do not.
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
    public java.util.List<String> fixedScenarioRecords() {
        return inputs.fixedScenarioRecords();
    }

    @Override
    public <T> Optional<DataStream<Arrival<T>>> open(
            StreamExecutionEnvironment env, InputKind<T> kind, MonitorSettings settings) {
        return inputs.open(env, kind, settings)
                .map(
                        arrivals ->
                                arrivals.map(new CountRead<T>(summaryId, kind.topic()))
                                        .returns(kind.arrivalType())
                                        .name("count read " + kind.topic())
                                        .uid("count-read-" + kind.topic()));
    }

    private static final class CountRead<T> implements MapFunction<Arrival<T>, Arrival<T>> {
        private static final long serialVersionUID = 1L;

        private final String summaryId;
        private final String topic;
        private transient LongAdder count;
        private transient boolean looked;

        CountRead(String summaryId, String topic) {
            this.summaryId = summaryId;
            this.topic = topic;
        }

        @Override
        public Arrival<T> map(Arrival<T> record) {
            if (!looked) {
                LiveSummary summary = LiveSummary.find(summaryId);
                count = summary == null ? null : summary.readCount(topic);
                looked = true;
            }
            if (count != null) {
                count.increment();
            }
            return record;
        }
    }
}
