package org.gridwatch.jobs.io;

import java.io.Serializable;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.event.TheftScore;
import org.gridwatch.core.reliability.CustomerInterruption;

/**
 * An output record as the contract's JSON line, written by core's {@link EventJson}: one writer of
 * {@code EventJson} per output (EventJson itself is not serializable, so each task makes its own).
 */
final class OutputJson<T> extends RichMapFunction<T, String> {
    private static final long serialVersionUID = 1L;

    /** The {@link EventJson} method that writes one kind of output record. */
    @FunctionalInterface
    interface Writer<T> extends Serializable {
        String write(EventJson json, T record);
    }

    private final ZoneId zone;
    private final Writer<T> writer;
    private transient EventJson json;

    private OutputJson(ZoneId zone, Writer<T> writer) {
        this.zone = zone;
        this.writer = writer;
    }

    static OutputJson<Rejected> ofRejected(ZoneId zone) {
        return new OutputJson<>(zone, EventJson::rejected);
    }

    static OutputJson<Bill> ofBill(ZoneId zone) {
        return new OutputJson<>(zone, EventJson::bill);
    }

    static OutputJson<SegmentChange> ofSegmentChange(ZoneId zone) {
        return new OutputJson<>(zone, EventJson::segmentChange);
    }

    static OutputJson<CustomerInterruption> ofInterruption(ZoneId zone) {
        return new OutputJson<>(zone, EventJson::interruption);
    }

    static OutputJson<TheftScore> ofTheftScore(ZoneId zone) {
        return new OutputJson<>(zone, EventJson::theftScore);
    }

    static OutputJson<Alert> ofAlert(ZoneId zone) {
        return new OutputJson<>(zone, EventJson::alert);
    }

    ZoneId zone() {
        return zone;
    }

    Writer<T> writer() {
        return writer;
    }

    @Override
    public void open(OpenContext openContext) {
        json = new EventJson(zone);
    }

    @Override
    public String map(T record) {
        return writer.write(json, record);
    }
}
