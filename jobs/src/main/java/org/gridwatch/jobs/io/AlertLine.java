package org.gridwatch.jobs.io;

import java.time.ZoneId;
import java.util.Comparator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.Alert;

/**
 * One version of an alert as the contract's JSON line, with what ranks it. A Flink POJO, so the
 * replay's last-version operator keeps no {@link Alert} (whose evidence map Flink could only hand
 * to Kryo) in its state.
 */
public final class AlertLine {
    /** The one key of the replay's ranking: all alerts are ranked together. */
    static final String ALL = "alerts";

    /** Priority descending, then alert id: the order of alerts.jsonl. */
    static final Comparator<AlertLine> RANKED =
            Comparator.comparingDouble((AlertLine l) -> -l.priority).thenComparing(l -> l.alertId);

    public String alertId;
    public long tsMillis;
    public double priority;
    public String json;

    public AlertLine() {}

    AlertLine(String alertId, long tsMillis, double priority, String json) {
        this.alertId = alertId;
        this.tsMillis = tsMillis;
        this.priority = Double.isNaN(priority) ? 0 : priority;
        this.json = json;
    }

    /** Writes each alert's line with core's {@link EventJson} (one per task). */
    static final class Of extends RichMapFunction<Alert, AlertLine> {
        private static final long serialVersionUID = 1L;
        private final ZoneId zone;
        private transient EventJson json;

        Of(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public void open(OpenContext openContext) {
            json = new EventJson(zone);
        }

        @Override
        public AlertLine map(Alert alert) {
            return new AlertLine(
                    alert.alertId(), alert.tsMillis(), alert.priority(), json.alert(alert));
        }
    }
}
