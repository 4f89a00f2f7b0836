package org.gridwatch.jobs.io;

import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.Rejected;

/** A rejected record as the contract's JSON line. */
final class RejectedJson extends RichMapFunction<Rejected, String> {
    private static final long serialVersionUID = 1L;

    private final ZoneId zone;
    private transient EventJson json;

    RejectedJson(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void open(OpenContext openContext) {
        json = new EventJson(zone);
    }

    @Override
    public String map(Rejected r) {
        return json.rejected(r);
    }
}
