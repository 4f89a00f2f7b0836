package org.gridwatch.jobs.ops;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.codec.EventCodec;
import org.gridwatch.core.codec.Parsed;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.jobs.MonitorSettings;

/**
 * Parses and validates raw records right after the source. A bad record never throws (which would
 * restart the job); it goes to the {@link #REJECTED} side output with its reason.
 */
public final class ParseRecords<T> extends ProcessFunction<String, T> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<Rejected> REJECTED = new OutputTag<>("rejected") {};

    private final InputKind<T> kind;
    private final MonitorSettings settings;
    private transient EventCodec codec;
    // The event time of the last good record, to count a rejected record without a usable
    // timestamp of its own in the right 15 minutes of the dashboards.
    private transient long lastEventMillis;

    public ParseRecords(InputKind<T> kind, MonitorSettings settings) {
        this.kind = kind;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        codec = new EventCodec(settings.zone(), settings.limits());
        lastEventMillis = Long.MIN_VALUE;
    }

    @Override
    public void processElement(String raw, Context ctx, Collector<T> out) {
        Parsed<T> parsed = kind.parser().parse(codec, raw);
        if (parsed instanceof Parsed.Ok<T> ok) {
            long t = kind.eventTime().of(ok.value());
            if (t != Long.MIN_VALUE) {
                lastEventMillis = t;
            }
            out.collect(ok.value());
        } else {
            Parsed.Bad<T> bad = (Parsed.Bad<T>) parsed;
            long t = bad.eventMillis() != Long.MIN_VALUE ? bad.eventMillis() : lastEventMillis;
            ctx.output(
                    REJECTED,
                    new Rejected(kind.source().topic(), bad.reason(), bad.detail(), raw, t));
        }
    }
}
