package org.gridwatch.core.detect;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.event.Severity;

/**
 * What is wrong with a customer's meter data, for the metering team: the customer's one
 * DATA_QUALITY alert. Three findings; the alert's rule names the first that holds (what the data
 * says now before what an inspector once found), its evidence has the numbers of all of them:
 *
 * <ol>
 *   <li>{@code meter-silent}: no reading of the customer's meters reached a day's close for {@link
 *       #SILENT_DAYS} days in a row, after a day that had some. Its bills are estimated from its
 *       own profile and no detector can judge it: a meter that lost its communication, its supply,
 *       or was taken off the wall. MEDIUM, HIGH from {@link #LONG_SILENT_DAYS} days. Over when a
 *       day with readings closes again.
 *   <li>{@code register-disagrees-with-intervals}: on two days less than {@link
 *       #MISMATCH_WINDOW_DAYS} apart, the meter's register advanced by more or less than its
 *       interval readings reported over a span they covered without a gap ({@link
 *       MeterEvidence#disagree}): one of the two is wrong, and the bill (the register) and the load
 *       profile (the intervals) cannot both be right. MEDIUM. Over after {@link
 *       #MISMATCH_QUIET_DAYS} days without another disagreement. The theft case counts a register
 *       that advanced by less than the intervals as evidence of tampering ({@link TheftEvidence}:
 *       the bill came short of what the meter measured); a register ahead of them bills everything,
 *       and only the intervals are wrong (but under time-of-use prices, {@link MeterEvidence}).
 *       This alert is the metering team's either way, whatever the inspector finds.
 *   <li>{@code meter-fault-found}: an inspector found the meter faulty (METER_FAULT). Its readings,
 *       the bills made from them and the detectors' judgement of them are wrong until it is
 *       replaced; nothing in the data says when that happens, so the alert stays open for the
 *       metering team's own system to close. MEDIUM.
 * </ol>
 *
 * <p>Id {@code data-quality:<customer>:<yyyyMMdd of the day it opened>} (the inspection's day, or
 * the day whose close found the data wanting), score 1 (each finding is a fact, not a likelihood);
 * updated with the same id when a finding comes or goes, the severity changes or another fault is
 * found; closed when no finding holds, or when the customer is removed from the master. A Flink
 * POJO, kept in the customer operator's book.
 */
public final class DataQualityCase {
    /** No day. */
    public static final long NONE = Long.MIN_VALUE;

    /**
     * Days in a row without a reading that make a meter silent. A choice, not a standard: a
     * head-end retries a missed daily collection the next day or the one after, so one or two
     * silent days are routine (and bills fill them from the register); three are a meter or a
     * channel to look at while most of its month is still read.
     */
    public static final int SILENT_DAYS = 3;

    /**
     * Days in a row without a reading from which the silence is HIGH: half a month's bill estimated
     * from the customer's profile, and no detector has judged it for two weeks (the theft case's
     * half-life is a week). A choice.
     */
    public static final int LONG_SILENT_DAYS = 14;

    /**
     * Two disagreements of register and intervals less than this many days apart are a finding: one
     * alone may be a corrupted reading or a meter exchanged that day; the theft case counts a
     * disagreement for 30 days, a week is the shorter horizon of a repeating fault. A choice.
     */
    public static final int MISMATCH_WINDOW_DAYS = 7;

    /**
     * Days without a disagreement after which register and intervals are taken to agree again: as
     * long as a THEFT alert stays quiet before it closes ({@link TheftCase}'s 14 days).
     */
    public static final int MISMATCH_QUIET_DAYS = 14;

    /** The findings, in the order they name the alert's rule. */
    public enum Finding {
        METER_SILENT("meter-silent"),
        REGISTER_DISAGREES("register-disagrees-with-intervals"),
        METER_FAULT_FOUND("meter-fault-found");

        private final String rule;

        Finding(String rule) {
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }

        public int bit() {
            return 1 << ordinal();
        }

        /** The first finding of a set ({@link #bit}s), which names the alert; null if none. */
        public static Finding first(int findings) {
            return findings == 0 ? null : values()[Integer.numberOfTrailingZeros(findings)];
        }
    }

    /** The open alert's id, or null. */
    public String alertId;

    /** METER_FAULT outcomes found on this customer. */
    public int faultsFound;

    /** The latest day with readings that closed, or {@link #NONE}. */
    public long lastReadDay = NONE;

    /** Days in a row without readings, up to the latest day closed. */
    public int silentDays;

    /** The latest day whose register and intervals disagreed, and the one before, or NONE. */
    public long mismatchDay = NONE;

    public long previousMismatchDay = NONE;

    /** On {@link #mismatchDay}: the register's advance and the intervals' energy, kWh. */
    public double mismatchRegisterKwh = Double.NaN;

    public double mismatchIntervalKwh = Double.NaN;

    /** The findings the open alert last said ({@link Finding#bit}s; 0 when none is open). */
    public int emittedFindings;

    public Severity emittedSeverity;

    public DataQualityCase() {}

    /**
     * A day with readings of the customer closed: a silence ends; a disagreement of register and
     * intervals is noted.
     *
     * @param day the day's readings (merged over the customer's meters)
     * @param registerMismatch whether its register and intervals disagreed ({@link MeterEvidence})
     * @param closedAtMillis event time of the day's close: the alert's time
     * @return the alert to emit, or null
     */
    public Alert onDayRead(
            long epochDay,
            DayLoad day,
            boolean registerMismatch,
            Customer customer,
            long closedAtMillis) {
        int wasSilent = silentDays;
        long lastRead = lastReadDay;
        lastReadDay = Math.max(lastReadDay, epochDay);
        silentDays = 0;
        if (registerMismatch && epochDay != mismatchDay) {
            previousMismatchDay = mismatchDay;
            mismatchDay = epochDay;
            mismatchIntervalKwh = day.total();
            mismatchRegisterKwh = day.total() + day.registerGapKwh();
        }
        Map<String, Object> e = new LinkedHashMap<>();
        if (wasSilent >= SILENT_DAYS && lastRead != NONE) {
            e.put("resumedOn", LocalDate.ofEpochDay(epochDay).toString());
            e.put("silentFrom", LocalDate.ofEpochDay(lastRead + 1).toString());
            e.put("silentDays", wasSilent);
        }
        return review(customer, epochDay, closedAtMillis, e, false);
    }

    /**
     * A day of the customer closed without any reading of its meters (after it had a day with some:
     * a meter never heard from is not watched).
     *
     * @return the alert to emit, or null
     */
    public Alert onDayUnread(long epochDay, Customer customer, long closedAtMillis) {
        if (lastReadDay == NONE || epochDay <= lastReadDay) {
            return null;
        }
        silentDays = (int) Math.min(Integer.MAX_VALUE, epochDay - lastReadDay);
        return review(customer, epochDay, closedAtMillis, new LinkedHashMap<>(), false);
    }

    /** The alert to emit for {@code inspection}, or null if it found no meter fault. */
    public Alert onInspection(Inspection inspection, Customer customer, ZoneId zone) {
        if (inspection.outcome() != InspectionOutcome.METER_FAULT) {
            return null;
        }
        faultsFound++;
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("inspection", InspectionOutcome.METER_FAULT.name());
        e.put("inspectedAt", Instant.ofEpochMilli(inspection.tsMillis()).atZone(zone).toString());
        if (inspection.alertId() != null) {
            e.put("inspectedForAlert", inspection.alertId());
        }
        long epochDay =
                Instant.ofEpochMilli(inspection.tsMillis()).atZone(zone).toLocalDate().toEpochDay();
        return review(customer, epochDay, inspection.tsMillis(), e, true);
    }

    /**
     * The customer was removed from the master: its open alert, closed, with the reason in its
     * evidence ({@code closedBecause}); null when none is open.
     */
    public Alert onRemoval(Customer customer, long nowMillis, ZoneId zone) {
        if (alertId == null) {
            return null;
        }
        long epochDay = Instant.ofEpochMilli(nowMillis).atZone(zone).toLocalDate().toEpochDay();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("closedBecause", "removed from the customer master");
        putFindings(e, epochDay);
        Alert closed =
                alert(
                        customer,
                        Finding.first(emittedFindings),
                        emittedSeverity,
                        nowMillis,
                        e,
                        AlertStatus.CLOSED);
        forgetAlert();
        return closed;
    }

    /** The findings that hold as of {@code epochDay}, as {@link Finding#bit}s. */
    public int findings(long epochDay) {
        int f = 0;
        if (silentDays >= SILENT_DAYS) {
            f |= Finding.METER_SILENT.bit();
        }
        if (registerDisagrees(epochDay)) {
            f |= Finding.REGISTER_DISAGREES.bit();
        }
        if (faultsFound > 0) {
            f |= Finding.METER_FAULT_FOUND.bit();
        }
        return f;
    }

    private boolean registerDisagrees(long epochDay) {
        return mismatchDay != NONE
                && previousMismatchDay != NONE
                && mismatchDay - previousMismatchDay < MISMATCH_WINDOW_DAYS
                && epochDay - mismatchDay < MISMATCH_QUIET_DAYS;
    }

    static Severity severity(int findings, int silentDays) {
        return (findings & Finding.METER_SILENT.bit()) != 0 && silentDays >= LONG_SILENT_DAYS
                ? Severity.HIGH
                : Severity.MEDIUM;
    }

    /**
     * Opens, updates or closes the alert for what holds now; {@code changed}: emit even if the
     * findings and the severity stay (a further fault found).
     */
    private Alert review(
            Customer customer,
            long epochDay,
            long tsMillis,
            Map<String, Object> evidence,
            boolean changed) {
        int now = findings(epochDay);
        AlertStatus status;
        Severity severity;
        if (alertId == null) {
            if (now == 0) {
                return null;
            }
            alertId =
                    Alert.idOf(
                            "data-quality", customer.customerId(), LocalDate.ofEpochDay(epochDay));
            status = AlertStatus.OPEN;
            severity = severity(now, silentDays);
        } else if (now == 0) {
            status = AlertStatus.CLOSED;
            severity = emittedSeverity;
        } else {
            severity = severity(now, silentDays);
            if (!changed && now == emittedFindings && severity == emittedSeverity) {
                return null;
            }
            status = AlertStatus.UPDATED;
        }
        putFindings(evidence, epochDay);
        Finding named = Finding.first(now != 0 ? now : emittedFindings);
        Alert alert = alert(customer, named, severity, tsMillis, evidence, status);
        if (status == AlertStatus.CLOSED) {
            forgetAlert();
        } else {
            emittedFindings = now;
            emittedSeverity = severity;
        }
        return alert;
    }

    /** The alert is closed: a later finding opens a new one. */
    private void forgetAlert() {
        alertId = null;
        emittedFindings = 0;
        emittedSeverity = null;
    }

    private Alert alert(
            Customer customer,
            Finding finding,
            Severity severity,
            long tsMillis,
            Map<String, Object> evidence,
            AlertStatus status) {
        return new Alert(
                alertId,
                customer.customerId(),
                customer.meterId(),
                customer.areaId(),
                AlertType.DATA_QUALITY,
                finding.rule(),
                1.0,
                severity,
                tsMillis,
                evidence,
                status,
                Double.NaN,
                Double.NaN,
                List.of(),
                Alert.NONE);
    }

    /** The numbers behind every finding that holds, for the metering team to check. */
    private void putFindings(Map<String, Object> e, long epochDay) {
        if (faultsFound > 0) {
            e.put("meterFaultsFound", faultsFound);
        }
        if (lastReadDay != NONE) {
            e.put("lastReadingDay", LocalDate.ofEpochDay(lastReadDay).toString());
        }
        if (silentDays >= SILENT_DAYS) {
            e.put("silentDays", silentDays);
        }
        if (registerDisagrees(epochDay)) {
            e.put("registerMismatchOn", LocalDate.ofEpochDay(mismatchDay).toString());
            e.put("previousMismatchOn", LocalDate.ofEpochDay(previousMismatchDay).toString());
            e.put("registerAdvanceKwh", TheftCase.round(mismatchRegisterKwh, 3));
            e.put("intervalKwh", TheftCase.round(mismatchIntervalKwh, 3));
        }
    }

    /** The case an earlier release kept as a {@link MeterFaultCase}: its alert and faults found. */
    public static DataQualityCase of(MeterFaultCase legacy) {
        return legacy == null ? null : ofFaultsFound(legacy.alertId, legacy.faultsFound);
    }

    /**
     * The case as releases before the data's findings kept it, only the inspectors' METER_FAULTs:
     * its open alert (then named {@code meter-fault-found}, MEDIUM) and the faults found. The meter
     * is watched from its next day with readings.
     */
    public static DataQualityCase ofFaultsFound(String alertId, int faultsFound) {
        DataQualityCase c = new DataQualityCase();
        c.alertId = alertId;
        c.faultsFound = faultsFound;
        if (alertId != null) {
            c.emittedFindings = Finding.METER_FAULT_FOUND.bit();
            c.emittedSeverity = Severity.MEDIUM;
        }
        return c;
    }
}
