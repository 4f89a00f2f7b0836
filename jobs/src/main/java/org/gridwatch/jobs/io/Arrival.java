package org.gridwatch.jobs.io;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.gridwatch.core.event.RejectReason;

/**
 * One input record as its source read it, parsed and judged there: the usable value, or the reason
 * it cannot be used. Sources parse, so that they can time each record and generate watermarks per
 * Kafka partition and per file (see {@link ArrivalTiming}).
 *
 * <p>A POJO, so that Flink serializes it without Kryo; {@link #typeOf} gives the field types.
 */
public final class Arrival<T> {

    /** The parsed record; null when rejected. */
    public T value;

    /** Why the record cannot be used; null when it can. */
    public RejectReason reason;

    /** For a rejection: what was wrong, in words a person can act on. */
    public String detail;

    /** For a rejection: the record as received. Usable records do not carry their text. */
    public String raw;

    /**
     * A usable record's own event time ({@link Long#MIN_VALUE} for the customer master, which has
     * none); for a rejection, the event time it is counted at: its own when usable, else the
     * stream's newest.
     */
    public long eventMillis = Long.MIN_VALUE;

    /** Behind its stream's newest record by more than the out-of-orderness (still used). */
    public boolean late;

    public Arrival() {}

    static <T> Arrival<T> usable(T value, long eventMillis, boolean late) {
        Arrival<T> a = new Arrival<>();
        a.value = value;
        a.eventMillis = eventMillis;
        a.late = late;
        return a;
    }

    static <T> Arrival<T> rejected(
            RejectReason reason, String detail, String raw, long countAtMillis) {
        Arrival<T> a = new Arrival<>();
        a.reason = reason;
        a.detail = detail;
        a.raw = raw;
        a.eventMillis = countAtMillis;
        return a;
    }

    public boolean isUsable() {
        return reason == null;
    }

    /** Whether this usable record carries an event time (all but the customer master do). */
    public boolean isTimed() {
        return reason == null && eventMillis != Long.MIN_VALUE;
    }

    /** The Flink type of arrivals of {@code valueType}, without Kryo. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> TypeInformation<Arrival<T>> typeOf(Class<T> valueType) {
        Map<String, TypeInformation<?>> fields = new HashMap<>();
        fields.put("value", Types.POJO(valueType));
        fields.put("reason", Types.ENUM(RejectReason.class));
        fields.put("detail", Types.STRING);
        fields.put("raw", Types.STRING);
        fields.put("eventMillis", Types.LONG);
        fields.put("late", Types.BOOLEAN);
        return (TypeInformation) Types.POJO(Arrival.class, fields);
    }
}
