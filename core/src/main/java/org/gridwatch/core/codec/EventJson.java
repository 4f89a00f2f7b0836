package org.gridwatch.core.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.BasicChargeAdvice;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerValuation;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.event.SegmentReasons;
import org.gridwatch.core.event.TheftScore;
import org.gridwatch.core.reliability.CustomerInterruption;

/**
 * Writes the contract's records as one-line JSON. Input records (which the simulator writes by the
 * hundred thousand per second) are written by hand; energy with three decimals (Wh), money with two
 * (fen). Outputs go through Jackson with sorted map keys, so the same record is always the same
 * bytes. One instance per thread.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final EventTime time;
    private final StringBuilder sb = new StringBuilder(256);

    public EventJson(ZoneId zone) {
        this.time = new EventTime(zone);
    }

    public EventJson() {
        this(EventTime.DEFAULT_ZONE);
    }

    public String time(long epochMillis) {
        return time.format(epochMillis);
    }

    public String customer(Customer c) {
        sb.setLength(0);
        sb.append("{\"customerId\":\"").append(c.customerId());
        sb.append("\",\"meterId\":\"").append(c.meterId());
        sb.append("\",\"class\":\"").append(c.customerClass().name());
        sb.append("\",\"areaId\":\"").append(c.areaId());
        sb.append("\",\"tariffId\":\"").append(c.tariffId());
        sb.append("\",\"prepaid\":").append(c.prepaid());
        if (c.hasContractKw()) {
            sb.append(",\"contractKw\":");
            appendFixed(sb, c.contractKw(), 3);
        }
        if (c.hasSince()) {
            sb.append(",\"since\":\"").append(LocalDate.ofEpochDay(c.sinceEpochDay())).append('"');
        }
        return sb.append('}').toString();
    }

    public String reading(MeterReading r) {
        return reading(
                r.meterId(),
                r.endMillis(),
                r.intervalMinutes(),
                r.kwh(),
                r.registerKwh(),
                r.exportKwh(),
                r.events());
    }

    /**
     * The same as {@link #reading(MeterReading)} from the fields, for writers that produce readings
     * by the million and should not allocate a record for each.
     */
    public String reading(
            String meterId,
            long endMillis,
            int intervalMinutes,
            double kwh,
            double registerKwh,
            double exportKwh,
            int eventBits) {
        sb.setLength(0);
        sb.append("{\"meterId\":\"").append(meterId);
        sb.append("\",\"ts\":\"").append(time.format(endMillis));
        sb.append("\",\"intervalMinutes\":").append(intervalMinutes);
        sb.append(",\"kwh\":");
        appendFixed(sb, kwh, 3);
        if (!Double.isNaN(registerKwh)) {
            sb.append(",\"registerKwh\":");
            appendFixed(sb, registerKwh, 3);
        }
        if (!Double.isNaN(exportKwh)) {
            sb.append(",\"exportKwh\":");
            appendFixed(sb, exportKwh, 3);
        }
        if (eventBits != 0) {
            sb.append(",\"events\":[");
            MeterEvent[] events = MeterEvent.decode(eventBits);
            for (int i = 0; i < events.length; i++) {
                sb.append(i == 0 ? "\"" : ",\"").append(events[i].name()).append('"');
            }
            sb.append(']');
        }
        return sb.append('}').toString();
    }

    public String areaReading(AreaReading r) {
        sb.setLength(0);
        sb.append("{\"areaId\":\"").append(r.areaId());
        sb.append("\",\"ts\":\"").append(time.format(r.endMillis()));
        sb.append("\",\"intervalMinutes\":").append(r.intervalMinutes());
        sb.append(",\"kwh\":");
        appendFixed(sb, r.kwh(), 3);
        return sb.append('}').toString();
    }

    public String payment(Payment p) {
        sb.setLength(0);
        sb.append("{\"paymentId\":\"").append(p.paymentId());
        sb.append("\",\"customerId\":\"").append(p.customerId());
        sb.append("\",\"ts\":\"").append(time.format(p.tsMillis()));
        sb.append("\",\"amount\":");
        appendFen(sb, p.amountFen());
        sb.append(",\"channel\":\"").append(p.channel().name());
        return sb.append("\"}").toString();
    }

    public String inspection(Inspection i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customerId", i.customerId());
        if (i.alertId() != null) {
            m.put("alertId", i.alertId());
        }
        m.put("ts", time.format(i.tsMillis()));
        m.put("outcome", i.outcome().name());
        return write(m);
    }

    public String rejected(Rejected r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", r.source());
        m.put("reason", r.reason().name());
        m.put("detail", r.detail());
        m.put("raw", r.raw());
        return write(m);
    }

    public String bill(Bill b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customerId", b.customerId());
        m.put("period", b.period());
        m.put("tariffId", b.tariffId());
        // A month's kWh is a sum of thousands of readings: round to the Wh the readings carry,
        // so a bill shows 120.4, not 120.39999999999998.
        Map<String, Double> kwh = new TreeMap<>();
        for (Map.Entry<String, Double> e : b.kwhByPeriod().entrySet()) {
            kwh.put(e.getKey(), roundKwh(e.getValue()));
        }
        m.put("kwh", kwh);
        // Optional in the contract; written on every bill, 0.0 when all was metered.
        m.put("estimatedKwh", roundKwh(b.estimatedKwh()));
        m.put("amount", new java.math.BigDecimal(b.amountFen()).movePointLeft(2));
        m.put("issued", time.format(b.issuedMillis()));
        m.put("due", time.format(b.dueMillis()));
        return write(m);
    }

    public String alert(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alertId", a.alertId());
        m.put("customerId", a.customerId());
        m.put("meterId", a.meterId());
        m.put("areaId", a.areaId());
        m.put("type", a.type().name());
        m.put("rule", a.rule());
        m.put("score", a.score());
        m.put("severity", a.severity().name());
        m.put("ts", time.format(a.tsMillis()));
        m.put("status", a.status().name());
        if (!Double.isNaN(a.valueAtRiskCny())) {
            m.put("valueAtRiskCny", money(a.valueAtRiskCny()));
            m.put("priority", Math.round(a.priority() * 100) / 100.0);
        }
        if (!Double.isNaN(a.amountOwedCny())) {
            m.put("amountOwedCny", money(a.amountOwedCny()));
        }
        if (!a.openBills().isEmpty()) {
            m.put("openBills", a.openBills());
        }
        if (a.nextInspectionMillis() != Alert.NONE) {
            m.put("nextInspection", time.format(a.nextInspectionMillis()));
        }
        m.put("evidence", new TreeMap<>(a.evidence()));
        return write(m);
    }

    private static java.math.BigDecimal money(double cny) {
        return java.math.BigDecimal.valueOf(cny).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    /**
     * One customer's interruption of supply, as {@code interruptions.jsonl} has it
     * (docs/supply-reliability.md): when, how long, and whether sustained (IEEE 1366: longer than 5
     * minutes).
     */
    public String interruption(CustomerInterruption i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customerId", i.customerId());
        m.put("areaId", i.areaId());
        m.put("segment", i.segment());
        m.put("start", time.format(i.startMillis()));
        m.put("end", time.format(i.endMillis()));
        m.put(
                "minutes",
                java.math.BigDecimal.valueOf(i.minutes())
                        .setScale(1, java.math.RoundingMode.HALF_UP));
        m.put("sustained", i.sustained());
        return write(m);
    }

    /**
     * A customer's theft score, as {@code theft-scores} has it (docs/detection.md, "Every
     * customer's theft score"): the score, when the day that moved it closed, and the open THEFT
     * alert.
     */
    public String theftScore(TheftScore s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customerId", s.customerId());
        m.put("areaId", s.areaId());
        m.put("ts", time.format(s.tsMillis()));
        m.put("score", s.score());
        if (s.alertId() != null) {
            m.put("alertId", s.alertId());
        }
        return write(m);
    }

    public String segmentChange(SegmentChange s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customerId", s.customerId());
        if (s.areaId() != null) {
            m.put("areaId", s.areaId());
        }
        m.put("ts", time.format(s.tsMillis()));
        m.put("segment", s.segment().name());
        m.put("currentValue", s.currentValue());
        m.put("potentialValue", s.potentialValue());
        m.put("creditScore", s.creditScore());
        m.put("creditGrade", s.creditGrade().name());
        m.put("strategies", s.strategies());
        if (s.nextInspectionMillis() != SegmentChange.NONE) {
            m.put("nextInspection", time.format(s.nextInspectionMillis()));
        }
        if (s.offpeak().exists()) {
            Map<String, Object> offer = new LinkedHashMap<>();
            offer.put("tariffId", s.offpeak().tariffId());
            offer.put("savingCnyPerYear", money(s.offpeak().savingCnyPerYear()));
            offer.put("savingWithShiftCnyPerYear", money(s.offpeak().savingWithShiftCnyPerYear()));
            m.put("offpeakOffer", offer);
        }
        if (s.why() != null) {
            m.put("why", why(s.why()));
        }
        if (s.basicCharge().exists()) {
            BasicChargeAdvice a = s.basicCharge();
            Map<String, Object> advice = new LinkedHashMap<>();
            advice.put("currentBasis", a.currentBasis().name());
            advice.put("cheaperBasis", a.cheaperBasis().name());
            advice.put("capacityCnyPerYear", money(a.capacityCnyPerYear()));
            advice.put("demandCnyPerYear", money(a.demandCnyPerYear()));
            advice.put("savingCnyPerYear", money(a.savingCnyPerYear()));
            advice.put("months", a.months());
            m.put("basicChargeAdvice", advice);
        }
        return write(m);
    }

    /** The segment's reasons: amounts in CNY, ratios to 4 places, NaN left out. */
    private static Map<String, Object> why(SegmentReasons r) {
        CustomerValuation v = r.valuation();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valueBasis", v.basis());
        m.put("value12Cny", fen(v.valueFen()));
        m.put("valueRank", ratio(v.valueRank()));
        m.put("highThresholdCny", fen(r.highThresholdFen()));
        m.put("moderateThresholdCny", fen(r.moderateThresholdFen()));
        m.put("relativeGrowth", ratio(v.relativeGrowth()));
        m.put("volatility", ratio(v.volatility()));
        m.put("classVolatility", ratio(v.classVolatility()));
        if (!Double.isNaN(v.contractHeadroom())) {
            m.put("contractHeadroom", ratio(v.contractHeadroom()));
        }
        m.put("findings", r.findings());
        m.put("demerits", r.demerits());
        return m;
    }

    private static java.math.BigDecimal fen(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2);
    }

    private static double ratio(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }

    private static String write(Map<String, Object> m) {
        try {
            return MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + m.keySet(), e);
        }
    }

    /** Appends a value rounded half-up to {@code decimals} (at least 1) places. */
    static void appendFixed(StringBuilder sb, double value, int decimals) {
        long scale = pow10(decimals);
        long units = Math.round(value * scale);
        appendUnits(sb, units, scale, decimals);
    }

    static void appendFen(StringBuilder sb, long fen) {
        appendUnits(sb, fen, 100, 2);
    }

    private static void appendUnits(StringBuilder sb, long units, long scale, int decimals) {
        if (units < 0) {
            sb.append('-');
            units = -units;
        }
        sb.append(units / scale).append('.');
        long frac = units % scale;
        for (long p = scale / 10; p > frac && p > 1; p /= 10) {
            sb.append('0');
        }
        sb.append(frac);
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    /** kWh rounded to the 3 decimals the files carry, as the reader of the file will see it. */
    public static double roundKwh(double kwh) {
        return Math.round(kwh * 1000) / 1000.0;
    }
}
