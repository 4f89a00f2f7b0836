package org.gridwatch.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.jobs.io.MonitorOutputs;
import org.gridwatch.jobs.io.Streams;

/**
 * The job's metric points into a {@link LiveSummary} of this JVM, for the terminal. Only works when
 * the job runs in this JVM's local cluster; elsewhere the points are dropped.
 */
final class LiveSummaryOutputs implements MonitorOutputs {
    private static final long serialVersionUID = 1L;

    private final String summaryId;

    LiveSummaryOutputs(LiveSummary summary) {
        this.summaryId = summary.id();
    }

    /**
     * Only the measurements the summary shows reach its sink: each operator's points are filtered
     * in the operator's own task (the time-of-use split, as many points as the load itself, stays
     * there).
     */
    @Override
    public void metricStreams(List<DataStream<MetricPoint>> streams) {
        List<DataStream<MetricPoint>> shown = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            shown.add(
                    streams.get(i)
                            .filter(LiveSummary::shows)
                            .name("what the terminal shows")
                            .uid("live-summary-shows-" + i));
        }
        metrics(Streams.union(shown));
    }

    @Override
    public void metrics(DataStream<MetricPoint> points) {
        points.sinkTo(new SummarySink(summaryId))
                .name("live summary (this terminal)")
                .uid("sink-live-summary");
    }

    private static final class SummarySink implements Sink<MetricPoint> {
        private static final long serialVersionUID = 1L;

        private final String summaryId;

        SummarySink(String summaryId) {
            this.summaryId = summaryId;
        }

        @Override
        public SinkWriter<MetricPoint> createWriter(WriterInitContext context) {
            LiveSummary summary = LiveSummary.find(summaryId);
            return new SinkWriter<>() {
                @Override
                public void write(MetricPoint point, Context context) {
                    if (summary != null) {
                        summary.add(point);
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
