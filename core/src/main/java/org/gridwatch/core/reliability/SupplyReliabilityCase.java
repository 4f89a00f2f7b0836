package org.gridwatch.core.reliability;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.Severity;

/**
 * A customer's one SUPPLY_RELIABILITY alert, as the customer operator keeps it, with the sustained
 * interruptions of the rolling window behind it (docs/supply-reliability.md). It opens when a
 * customer of a watched segment has {@link ReliabilityAlertRule#minInterruptions} sustained
 * interruptions that ended within the window; each further interruption emits it again with the
 * same id ({@code UPDATED}); it closes when interruptions leave the window and fewer remain. Its id
 * is {@code supply:<customer>:<yyyyMMdd of the day it opened>}, so a replay emits the same ids.
 *
 * <p>Interruptions are kept for every customer, watched or not, so a customer that becomes HIGH
 * brings its history; a customer that leaves the watched segments keeps an open alert until it
 * closes as any other.
 *
 * <p>A Flink POJO: public no-arg constructor, public fields.
 */
public final class SupplyReliabilityCase {

    private static final DateTimeFormatter LOCAL_MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    /** The open alert, or null. */
    public String alertId;

    /** The sustained interruptions that ended within the window, oldest first. */
    public long[] starts = new long[0];

    public long[] ends = new long[0];

    public SupplyReliabilityCase() {}

    /**
     * Takes one of the customer's interruptions at {@code nowMillis}; returns the alert to emit, or
     * null.
     *
     * @param segment the customer's segment now ({@link ReliabilityLedger#NO_SEGMENT} if none)
     */
    public Alert onInterruption(
            Interruption interruption,
            Customer customer,
            String segment,
            long nowMillis,
            ZoneId zone,
            ReliabilityAlertRule rule) {
        forget(nowMillis, rule);
        if (!interruption.sustained()
                || interruption.endMillis() <= nowMillis - rule.windowMillis()) {
            return null;
        }
        int at = 0;
        while (at < ends.length && ends[at] <= interruption.endMillis()) {
            at++;
        }
        starts = ArrayInsert.insert(starts, at, interruption.startMillis());
        ends = ArrayInsert.insert(ends, at, interruption.endMillis());
        if (ends.length < rule.minInterruptions()) {
            return null;
        }
        AlertStatus status;
        if (alertId != null) {
            status = AlertStatus.UPDATED;
        } else if (rule.watches(segment)) {
            alertId =
                    Alert.idOf(
                            "supply",
                            customer.customerId(),
                            Instant.ofEpochMilli(nowMillis).atZone(zone).toLocalDate());
            status = AlertStatus.OPEN;
        } else {
            return null;
        }
        return alert(customer, segment, nowMillis, zone, rule, status);
    }

    /**
     * Looks again at {@code nowMillis}: interruptions that ended more than the window ago leave it;
     * the open alert closes when fewer than the rule's minimum remain. Returns the closing version,
     * or null.
     */
    public Alert review(
            Customer customer,
            String segment,
            long nowMillis,
            ZoneId zone,
            ReliabilityAlertRule rule) {
        forget(nowMillis, rule);
        if (alertId == null || ends.length >= rule.minInterruptions()) {
            return null;
        }
        Alert closed = alert(customer, segment, nowMillis, zone, rule, AlertStatus.CLOSED);
        alertId = null;
        return closed;
    }

    /**
     * When the oldest interruption leaves the window, or {@link Long#MAX_VALUE} if none is kept.
     */
    public long nextReviewAt(ReliabilityAlertRule rule) {
        return ends.length == 0 ? Long.MAX_VALUE : ends[0] + rule.windowMillis() + 1;
    }

    public boolean isEmpty() {
        return alertId == null && ends.length == 0;
    }

    /** HIGH for a HIGH customer, MEDIUM otherwise: the paper's promise to each segment. */
    static Severity severity(String segment) {
        return Segment.HIGH.name().equals(segment) ? Severity.HIGH : Severity.MEDIUM;
    }

    private Alert alert(
            Customer customer,
            String segment,
            long nowMillis,
            ZoneId zone,
            ReliabilityAlertRule rule,
            AlertStatus status) {
        double total = 0;
        List<Map<String, Object>> listed = new ArrayList<>(ends.length);
        for (int i = 0; i < ends.length; i++) {
            Interruption x = new Interruption(starts[i], ends[i]);
            total += x.minutes();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("start", local(starts[i], zone));
            one.put("end", local(ends[i], zone));
            one.put("minutes", round1(x.minutes()));
            listed.add(one);
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("segment", segment);
        e.put("sustainedInterruptions", ends.length);
        e.put("windowDays", rule.windowDays());
        e.put("threshold", rule.minInterruptions());
        e.put("interruptionMinutes", round1(total));
        e.put("timeline", listed);
        double score = Math.min(1.0, ends.length / (2.0 * rule.minInterruptions()));
        return new Alert(
                alertId,
                customer.customerId(),
                customer.meterId(),
                customer.areaId(),
                AlertType.SUPPLY_RELIABILITY,
                "repeated-sustained-interruptions",
                score,
                severity(segment),
                nowMillis,
                e,
                status,
                Double.NaN,
                Double.NaN,
                List.of(),
                Alert.NONE);
    }

    private void forget(long nowMillis, ReliabilityAlertRule rule) {
        int drop = 0;
        while (drop < ends.length && ends[drop] <= nowMillis - rule.windowMillis()) {
            drop++;
        }
        if (drop > 0) {
            starts = Arrays.copyOfRange(starts, drop, starts.length);
            ends = Arrays.copyOfRange(ends, drop, ends.length);
        }
    }

    private static String local(long millis, ZoneId zone) {
        return Instant.ofEpochMilli(millis).atZone(zone).format(LOCAL_MINUTE);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
