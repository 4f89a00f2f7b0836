package org.gridwatch.jobs.io;

import java.nio.file.Path;
import java.time.ZoneId;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.Output;
import org.gridwatch.core.event.Rejected;

/**
 * The replay's output files in one folder, named as in the contract. Line order follows arrival and
 * is not significant; the set of lines is what a replay reproduces.
 */
public final class FileOutputs implements MonitorOutputs {
    private static final long serialVersionUID = 1L;

    private final String dir;
    private final ZoneId zone;

    public FileOutputs(Path dir, ZoneId zone) {
        this.dir = dir.toAbsolutePath().toString();
        this.zone = zone;
    }

    @Override
    public void rejected(DataStream<Rejected> rejected) {
        rejected.map(new OutputJson.OfRejected(zone))
                .name("rejected as JSON")
                .uid("rejected-json-file")
                .sinkTo(new JsonLinesFileSink(Path.of(dir, Output.REJECTED.fileName())))
                .name("file: " + Output.REJECTED.fileName())
                .uid("sink-file-" + Output.REJECTED.topic())
                .setParallelism(1);
    }

    @Override
    public void bills(DataStream<Bill> bills) {
        bills.map(new OutputJson.OfBill(zone))
                .name("bills as JSON")
                .uid("bills-json-file")
                .sinkTo(new JsonLinesFileSink(Path.of(dir, Output.BILLS.fileName())))
                .name("file: " + Output.BILLS.fileName())
                .uid("sink-file-" + Output.BILLS.topic())
                .setParallelism(1);
    }
}
