package org.gridwatch.jobs.io;

import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.SegmentChange;

/** An output record as the contract's JSON line, written by core's {@link EventJson}. */
abstract class OutputJson<T> extends RichMapFunction<T, String> {
    private static final long serialVersionUID = 1L;

    private final ZoneId zone;
    protected transient EventJson json;

    OutputJson(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void open(OpenContext openContext) {
        json = new EventJson(zone);
    }

    static final class OfRejected extends OutputJson<Rejected> {
        private static final long serialVersionUID = 1L;

        OfRejected(ZoneId zone) {
            super(zone);
        }

        @Override
        public String map(Rejected r) {
            return json.rejected(r);
        }
    }

    static final class OfBill extends OutputJson<Bill> {
        private static final long serialVersionUID = 1L;

        OfBill(ZoneId zone) {
            super(zone);
        }

        @Override
        public String map(Bill b) {
            return json.bill(b);
        }
    }

    static final class OfSegmentChange extends OutputJson<SegmentChange> {
        private static final long serialVersionUID = 1L;

        OfSegmentChange(ZoneId zone) {
            super(zone);
        }

        @Override
        public String map(SegmentChange s) {
            return json.segmentChange(s);
        }
    }
}
