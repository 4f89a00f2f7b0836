package org.gridwatch.jobs.whatif;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.gridwatch.core.whatif.ScenarioTally;

/**
 * Gathers the fleet's tallies (one per scenario and group: a few hundred records) and, when the
 * input ends, writes the planner's report ({@link WhatIfReport}) to the output folder. Runs with
 * parallelism 1; the job is batch, so it writes once.
 */
final class ReportSink implements Sink<ScenarioTally> {
    private static final long serialVersionUID = 1L;

    private final WhatIfSettings settings;

    ReportSink(WhatIfSettings settings) {
        this.settings = settings;
    }

    @Override
    public SinkWriter<ScenarioTally> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            private final List<ScenarioTally> tallies = new ArrayList<>();

            @Override
            public void write(ScenarioTally tally, Context context) {
                tallies.add(tally);
            }

            @Override
            public void flush(boolean endOfInput) {
                if (endOfInput) {
                    new WhatIfReport(tallies, settings.scenarios(), settings.pricing().calendar())
                            .write(Path.of(settings.outDir()));
                }
            }

            @Override
            public void close() {}
        };
    }
}
