package org.gridwatch.jobs.io;

import java.nio.file.Path;
import java.time.ZoneId;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.Output;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.event.TheftScore;
import org.gridwatch.core.reliability.CustomerInterruption;
import org.gridwatch.jobs.types.SharedIds;

/**
 * The replay's output files in one folder, named as in the contract. Line order follows arrival and
 * is not significant; the set of lines is what a replay reproduces.
 */
public final class FileOutputs implements MonitorOutputs {
    private static final long serialVersionUID = 1L;

    private final String dir;
    private final ZoneId zone;
    private final boolean scoreHistory;

    public FileOutputs(Path dir, ZoneId zone) {
        this(dir, zone, false);
    }

    /**
     * @param scoreHistory also write every theft score as the area watch publishes it ({@link
     *     #SCORE_HISTORY_FILE}), as the topic has them: what tells the days a thief took to reach
     *     any score ({@code bin/gridwatch evaluate}), and the alert score for a share of the
     *     customers ({@code bin/gridwatch alert-score})
     */
    public FileOutputs(Path dir, ZoneId zone, boolean scoreHistory) {
        this.dir = dir.toAbsolutePath().toString();
        this.zone = zone;
        this.scoreHistory = scoreHistory;
    }

    @Override
    public void rejected(DataStream<Rejected> rejected) {
        write(rejected, Output.REJECTED, OutputJson.ofRejected(zone));
    }

    @Override
    public void bills(DataStream<Bill> bills) {
        write(bills, Output.BILLS, OutputJson.ofBill(zone));
    }

    /** The contract: the replay writes each customer's last state, not every change. */
    @Override
    public void segments(DataStream<SegmentChange> changes) {
        write(
                changes.keyBy(SharedIds.keyOf(SegmentChange::customerId))
                        .transform(
                                "each customer's last segment",
                                Types.POJO(SegmentChange.class),
                                new LastPerCustomer())
                        .uid("last-segment-per-customer"),
                Output.SEGMENTS,
                OutputJson.ofSegmentChange(zone));
    }

    /**
     * The replay writes the last version of each alert id, once the input has ended, ranked as an
     * inspector works them: priority (score × value at risk) descending, then alert id.
     */
    @Override
    public void alerts(DataStream<Alert> alerts) {
        alerts.map(new AlertLine.Of(zone))
                .name("alerts as JSON")
                .uid("alerts-json-file")
                .keyBy(line -> AlertLine.ALL)
                .process(new LastPerAlert())
                .name("each alert's last version, ranked")
                .uid("last-version-per-alert")
                .sinkTo(new JsonLinesFileSink(Path.of(dir, Output.ALERTS.fileName())))
                .name("file: " + Output.ALERTS.fileName())
                .uid("sink-file-" + Output.ALERTS.topic())
                .setParallelism(1);
    }

    /**
     * Beside the contract's files, as {@code segments.jsonl}: each customer's last theft score,
     * once the input has ended.
     */
    @Override
    public void theftScores(DataStream<TheftScore> scores) {
        if (scoreHistory) {
            write(scores, "theft-score-history", SCORE_HISTORY_FILE, OutputJson.ofTheftScore(zone));
        }
        write(
                scores.keyBy(SharedIds.keyOf(TheftScore::customerId))
                        .transform(
                                "each customer's last theft score",
                                Types.POJO(TheftScore.class),
                                new LastTheftScore())
                        .uid("last-theft-score-per-customer"),
                Output.THEFT_SCORES,
                OutputJson.ofTheftScore(zone));
    }

    /**
     * Beside the contract's files, with {@code --score-history}: every theft score as published
     * (the lines of the topic {@code theft-scores}), in the order written.
     */
    public static final String SCORE_HISTORY_FILE = "theft-score-history.jsonl";

    /** Beside the contract's files: every customer interruption of supply, as it ended. */
    public static final String INTERRUPTIONS_FILE = "interruptions.jsonl";

    @Override
    public void interruptions(DataStream<CustomerInterruption> interruptions) {
        write(interruptions, "interruptions", INTERRUPTIONS_FILE, OutputJson.ofInterruption(zone));
    }

    private <T> void write(DataStream<T> records, Output output, OutputJson<T> json) {
        write(records, output.topic(), output.fileName(), json);
    }

    /**
     * Each record as a line of {@code fileName}, by one writer; the operators' ids are named after
     * {@code name} ({@code <name>-json-file}, {@code sink-file-<name>}), so a savepoint restores
     * them.
     */
    private <T> void write(
            DataStream<T> records, String name, String fileName, OutputJson<T> json) {
        records.map(json)
                .name(name + " as JSON")
                .uid(name + "-json-file")
                .sinkTo(new JsonLinesFileSink(Path.of(dir, fileName)))
                .name("file: " + fileName)
                .uid("sink-file-" + name)
                .setParallelism(1);
    }
}
