package org.gridwatch.simulator;

import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import org.gridwatch.core.billing.BillStatement;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.tariff.TariffPeriod;

/**
 * Writes the lines of truth.jsonl: what the simulator did on purpose, for tests and for scoring
 * detectors. Not a contract record; its fields are described in docs/simulator.md. Built by hand
 * like EventJson's input records, so the same run gives the same bytes. One instance per thread.
 */
final class TruthJson {
    private final EventTime time;
    private final StringBuilder sb = new StringBuilder(256);

    TruthJson(EventTime time) {
        this.time = time;
    }

    String run(SimulationConfig c, int areaCount) {
        sb.setLength(0);
        sb.append("{\"type\":\"run\",\"generator\":\"gridwatch-simulator v1\",\"seed\":")
                .append(c.seed());
        sb.append(",\"customers\":").append(c.customers());
        sb.append(",\"areas\":").append(areaCount);
        sb.append(",\"days\":").append(c.days());
        sb.append(",\"start\":\"").append(c.start());
        sb.append("\",\"zone\":\"").append(c.zone().getId());
        sb.append("\",\"faults\":{\"duplicate\":").append(c.faults().duplicate());
        sb.append(",\"missing\":").append(c.faults().missing());
        sb.append(",\"late\":").append(c.faults().late());
        sb.append(",\"maxLateMinutes\":").append(c.faults().maxLateMinutes());
        sb.append(",\"overlapping\":").append(c.faults().overlapping());
        sb.append(",\"areaDuplicate\":").append(c.faults().areaDuplicate());
        sb.append(",\"areaOverlapping\":").append(c.faults().areaOverlapping());
        sb.append("},\"outagesPerAreaYear\":").append(c.outagesPerAreaYear());
        sb.append(",\"plannedOutagesPerAreaYear\":").append(c.plannedOutagesPerAreaYear());
        if (c.lossPersistence() > 0) {
            sb.append(",\"lossPersistence\":").append(c.lossPersistence());
        }
        if (c.lossNoise() > 0) {
            sb.append(",\"lossNoise\":").append(c.lossNoise());
        }
        return sb.append('}').toString();
    }

    String area(String areaId, int customers, double lossRate) {
        sb.setLength(0);
        sb.append("{\"type\":\"area\",\"areaId\":\"").append(areaId);
        sb.append("\",\"customers\":").append(customers);
        sb.append(",\"lossRate\":").append(lossRate);
        return sb.append('}').toString();
    }

    String customer(SimulatedCustomer c) {
        sb.setLength(0);
        sb.append("{\"type\":\"customer\",\"customerId\":\"").append(c.master.customerId());
        sb.append("\",\"meterId\":\"").append(c.master.meterId());
        sb.append("\",\"class\":\"").append(c.master.customerClass().name());
        sb.append("\",\"areaId\":\"").append(c.master.areaId());
        sb.append("\",\"payer\":\"").append(c.payer.name());
        sb.append("\",\"channel\":\"").append(c.channel.name());
        sb.append("\",\"prepaid\":").append(c.master.prepaid());
        sb.append(",\"intervalMinutes\":").append(c.intervalMinutes());
        sb.append(",\"kwhPerDay\":");
        appendMilli(sb, Math.round(c.kwhPerDay * 1000));
        sb.append(",\"shiftMinutes\":").append(c.shiftQuarters * 15);
        sb.append(",\"growth\":");
        appendMilli(sb, Math.round(c.growth * 1000));
        sb.append(",\"trend\":\"").append(c.trend.name());
        sb.append("\",\"theft\":").append(c.theft());
        sb.append(",\"expectedYearCny\":");
        appendCenti(sb, c.expectedYearFen);
        sb.append(",\"large\":").append(c.large);
        return sb.append('}').toString();
    }

    String inspection(Inspection i) {
        sb.setLength(0);
        sb.append("{\"type\":\"inspection\",\"customerId\":\"").append(i.customerId());
        sb.append("\",\"ts\":\"").append(time.format(i.tsMillis()));
        sb.append("\",\"outcome\":\"").append(i.outcome().name());
        return sb.append("\"}").toString();
    }

    /**
     * An area outage: no supply in [from, to) for the area's customers; a planned one says when it
     * was announced.
     */
    String outage(
            String areaId,
            long fromMillis,
            long toMillis,
            boolean planned,
            int customers,
            long announcedMillis) {
        sb.setLength(0);
        sb.append("{\"type\":\"outage\",\"areaId\":\"").append(areaId);
        sb.append("\",\"from\":\"").append(time.format(fromMillis));
        sb.append("\",\"to\":\"").append(time.format(toMillis));
        sb.append("\",\"planned\":").append(planned);
        sb.append(",\"customers\":").append(customers);
        if (planned) {
            sb.append(",\"announced\":\"").append(time.format(announcedMillis)).append('"');
        }
        return sb.append('}').toString();
    }

    /** One delivery fault; {@code arrivalMillis} is ignored for MISSING. */
    String fault(DeliveryFault fault, String meterId, long tsMillis, long arrivalMillis) {
        sb.setLength(0);
        sb.append("{\"type\":\"fault\",\"fault\":\"").append(fault.name());
        sb.append("\",\"meterId\":\"").append(meterId);
        sb.append("\",\"ts\":\"").append(time.format(tsMillis));
        if (fault != DeliveryFault.MISSING) {
            sb.append("\",\"arrival\":\"").append(time.format(arrivalMillis));
        }
        return sb.append("\"}").toString();
    }

    /**
     * A record the head-end sent again, of a meter or an area: its own {@code ts} and interval, and
     * when it was sent.
     */
    String resent(
            DeliveryFault fault,
            Source source,
            String id,
            long tsMillis,
            int intervalMinutes,
            long arrivalMillis) {
        sb.setLength(0);
        sb.append("{\"type\":\"fault\",\"fault\":\"").append(fault.name());
        sb.append(source == Source.AREA_READINGS ? "\",\"areaId\":\"" : "\",\"meterId\":\"");
        sb.append(id);
        sb.append("\",\"ts\":\"").append(time.format(tsMillis));
        sb.append("\",\"intervalMinutes\":").append(intervalMinutes);
        sb.append(",\"arrival\":\"").append(time.format(arrivalMillis));
        return sb.append("\"}").toString();
    }

    String areaDay(
            String areaId, LocalDate date, long acceptedWh, long consumedWh, long suppliedWh) {
        sb.setLength(0);
        sb.append("{\"type\":\"area-day\",\"areaId\":\"").append(areaId);
        sb.append("\",\"date\":\"").append(date);
        sb.append("\",\"kwh\":");
        appendMilli(sb, acceptedWh);
        sb.append(",\"consumedKwh\":");
        appendMilli(sb, consumedWh);
        sb.append(",\"suppliedKwh\":");
        appendMilli(sb, suppliedWh);
        return sb.append('}').toString();
    }

    /**
     * A month's bill: the true bill ({@code kwh} = the true register's advance, {@code
     * kwhByPeriod}, {@code amount}), the true energy of the readings that never reached the monitor
     * ({@code missingKwh}), and what the bill sent to the customer says ({@code billedAmount},
     * {@code billedEstimatedKwh}: the monitor's bill, which the customer pays).
     */
    String bill(
            SimulatedCustomer c, BillStatement trueBill, BillStatement sent, long missingMicroKwh) {
        sb.setLength(0);
        sb.append("{\"type\":\"bill\",\"customerId\":\"").append(c.master.customerId());
        sb.append("\",\"period\":\"").append(trueBill.period());
        sb.append("\",\"tariffId\":\"").append(trueBill.tariffId());
        sb.append("\",\"kwh\":");
        appendMilli(sb, trueBill.totalKwh().movePointRight(3).longValueExact());
        sb.append(",\"kwhByPeriod\":{");
        boolean first = true;
        for (TariffPeriod p : TariffPeriod.values()) {
            if (trueBill.periodsShown().contains(p)) {
                sb.append(first ? "\"" : ",\"").append(p.name()).append("\":");
                appendMilli(sb, Math.round(trueBill.kwh(p) * 1000));
                first = false;
            }
        }
        sb.append("},\"missingKwh\":");
        appendMilli(sb, (missingMicroKwh + 500) / 1000);
        sb.append(",\"billedEstimatedKwh\":");
        appendMilli(
                sb,
                sent.estimatedKwh()
                        .movePointRight(3)
                        .setScale(0, RoundingMode.HALF_UP)
                        .longValueExact());
        return billTail(
                c,
                trueBill.amountFen(),
                sent.amountFen(),
                trueBill.issuedMillis(),
                trueBill.dueMillis(),
                false);
    }

    /** The opening bill: the month before the start, estimated as there are no readings. */
    String estimatedBill(
            SimulatedCustomer c,
            YearMonth period,
            long wh,
            long amountFen,
            long issuedMillis,
            long dueMillis) {
        sb.setLength(0);
        sb.append("{\"type\":\"bill\",\"customerId\":\"").append(c.master.customerId());
        sb.append("\",\"period\":\"").append(period);
        sb.append("\",\"tariffId\":\"").append(c.master.tariffId());
        sb.append("\",\"kwh\":");
        appendMilli(sb, wh);
        sb.append(",\"kwhByPeriod\":{}");
        return billTail(c, amountFen, amountFen, issuedMillis, dueMillis, true);
    }

    private String billTail(
            SimulatedCustomer c,
            long amountFen,
            long billedFen,
            long issuedMillis,
            long dueMillis,
            boolean opening) {
        sb.append(",\"amount\":");
        appendCenti(sb, amountFen);
        sb.append(",\"billedAmount\":");
        appendCenti(sb, billedFen);
        sb.append(",\"issued\":\"").append(time.format(issuedMillis));
        sb.append("\",\"due\":\"").append(time.format(dueMillis));
        sb.append("\",\"payer\":\"").append(c.payer.name());
        sb.append("\",\"opening\":").append(opening);
        sb.append(",\"estimated\":").append(opening);
        return sb.append('}').toString();
    }

    /** Starts a line of {@code type} about a customer's meter: its customer, meter and area. */
    private void startMeterLine(String type, SimulatedCustomer c) {
        sb.setLength(0);
        sb.append("{\"type\":\"").append(type);
        sb.append("\",\"customerId\":\"").append(c.master.customerId());
        sb.append("\",\"meterId\":\"").append(c.master.meterId());
        sb.append("\",\"areaId\":\"").append(c.master.areaId());
    }

    /**
     * A meter's fault ({@link MeterFault}): its kind, the first faulty day and the first day it is
     * right again ({@code end}, exclusive; past the run's end if it never is within it).
     */
    String meterFault(SimulatedCustomer c, LocalDate runStart) {
        MeterFault f = c.meterFault;
        startMeterLine("meterFault", c);
        sb.append("\",\"kind\":\"").append(f.kind().label());
        sb.append("\",\"start\":\"").append(runStart.plusDays(f.startDay()));
        sb.append("\",\"end\":\"").append(runStart.plusDays(f.endDay()));
        sb.append("\",\"days\":").append(f.endDay() - f.startDay());
        return sb.append('}').toString();
    }

    /**
     * A thief: its attack from its first day, the parameters drawn for it (those {@link
     * org.gridwatch.core.detect.TheftAttack} uses, and {@code seed} of its per-day draws), the
     * tamper flag of its meter and the register's rollback, each with the reading that shows it.
     */
    String theft(Thief t, LocalDate start, long tamperMillis, long rollbackMillis) {
        SimulatedCustomer c = t.customer;
        startMeterLine("theft", c);
        sb.append("\",\"attack\":\"").append(t.kind().label());
        sb.append("\",\"effect\":\"").append(t.kind().effect().name());
        sb.append("\",\"start\":\"").append(start);
        sb.append("\",\"params\":{");
        switch (t.kind()) {
            case SCALE, CAP, PEAK_SHIFT, SWAP ->
                    sb.append("\"level\":").append(t.attack.level()).append(',');
            case RAMP -> {
                sb.append("\"level\":").append(t.attack.level());
                sb.append(",\"rampDays\":").append(t.attack.rampDays()).append(',');
            }
            case BYPASS -> sb.append("\"bypassShare\":").append(t.bypassShare).append(',');
            default -> {}
        }
        sb.append("\"seed\":").append(t.attack.seed());
        sb.append("},\"tamper\":");
        if (t.tamper == null) {
            sb.append("null,\"tamperTs\":null");
        } else {
            sb.append('"').append(t.tamper.name());
            sb.append("\",\"tamperTs\":\"").append(time.format(tamperMillis)).append('"');
        }
        sb.append(",\"registerRollback\":").append(t.rollbackDay >= 0);
        if (t.rollbackDay >= 0) {
            sb.append(",\"rollbackTs\":\"").append(time.format(rollbackMillis));
            sb.append("\",\"rollbackKwh\":");
            appendMilli(sb, t.rollbackWh);
        }
        return sb.append('}').toString();
    }

    /**
     * What a thief took over the run: the true energy through its meter's connection, what the
     * meter registered, the bypass's load beside it, and the difference.
     */
    String stolen(Thief t) {
        sb.setLength(0);
        sb.append("{\"type\":\"stolen\",\"customerId\":\"").append(t.customer.master.customerId());
        sb.append("\",\"attack\":\"").append(t.kind().label());
        sb.append("\",\"trueKwh\":");
        appendMilli(sb, t.trueWh + t.bypassTotalWh);
        sb.append(",\"meteredKwh\":");
        appendMilli(sb, t.meteredWh);
        sb.append(",\"bypassKwh\":");
        appendMilli(sb, t.bypassTotalWh);
        sb.append(",\"stolenKwh\":");
        appendMilli(sb, t.trueWh + t.bypassTotalWh - t.meteredWh);
        return sb.append('}').toString();
    }

    /** A flag an honest meter raised: no theft behind it. */
    String spuriousEvent(SimulatedCustomer c, org.gridwatch.core.event.MeterEvent event, long ts) {
        sb.setLength(0);
        sb.append("{\"type\":\"spurious-event\",\"customerId\":\"").append(c.master.customerId());
        sb.append("\",\"meterId\":\"").append(c.master.meterId());
        sb.append("\",\"event\":\"").append(event.name());
        sb.append("\",\"ts\":\"").append(time.format(ts));
        return sb.append("\"}").toString();
    }

    /** A payment the bank reversed: the reversal carries the payment's id and minus its amount. */
    String bounce(
            SimulatedCustomer c, String paymentId, long amountFen, long paidMillis, long reversed) {
        sb.setLength(0);
        sb.append("{\"type\":\"bounce\",\"customerId\":\"").append(c.master.customerId());
        sb.append("\",\"paymentId\":\"").append(paymentId);
        sb.append("\",\"amount\":");
        appendCenti(sb, amountFen);
        sb.append(",\"paid\":\"").append(time.format(paidMillis));
        sb.append("\",\"reversed\":\"").append(time.format(reversed));
        return sb.append("\"}").toString();
    }

    /**
     * The first day at whose start a customer's oldest unpaid bill was 90 days or more past due.
     */
    String arrears(SimulatedCustomer c, String period, long dueMillis, LocalDate reached) {
        sb.setLength(0);
        sb.append("{\"type\":\"arrears\",\"customerId\":\"").append(c.master.customerId());
        sb.append("\",\"payer\":\"").append(c.payer.name());
        sb.append("\",\"bill\":\"").append(period);
        sb.append("\",\"due\":\"").append(time.format(dueMillis));
        sb.append("\",\"reaches90DaysPastDue\":\"").append(reached);
        return sb.append("\"}").toString();
    }

    /** A pre-paid customer who stopped topping up, on the day its balance fell below zero. */
    String prepaidRunOut(
            SimulatedCustomer c, LocalDate lastTopUpDay, LocalDate runOut, long balanceFen) {
        sb.setLength(0);
        sb.append("{\"type\":\"prepaid-run-out\",\"customerId\":\"").append(c.master.customerId());
        sb.append("\",\"stopsTopUpsAfter\":\"").append(lastTopUpDay);
        sb.append("\",\"runOut\":\"").append(runOut);
        sb.append("\",\"balance\":");
        appendCenti(sb, balanceFen);
        return sb.append('}').toString();
    }

    String injected(DeliveryFault fault, long count) {
        sb.setLength(0);
        sb.append("{\"type\":\"injected\",\"fault\":\"").append(fault.name());
        sb.append("\",\"count\":").append(count);
        return sb.append('}').toString();
    }

    String totals(SimulationSummary s) {
        sb.setLength(0);
        sb.append("{\"type\":\"totals\",\"customers\":").append(s.customers());
        sb.append(",\"readings\":").append(s.readings());
        sb.append(",\"readingLines\":").append(s.readingLines());
        sb.append(",\"areaReadings\":").append(s.areaReadings());
        sb.append(",\"areaReadingLines\":").append(s.areaReadingLines());
        sb.append(",\"payments\":").append(s.payments());
        sb.append(",\"inspections\":").append(s.inspections());
        sb.append(",\"outages\":").append(s.outages());
        sb.append(",\"end\":\"").append(time.format(s.endMillis()));
        return sb.append("\"}").toString();
    }

    /** Appends thousandths (Wh as kWh) with exactly three decimals. */
    static void appendMilli(StringBuilder sb, long milli) {
        appendScaled(sb, milli, 1000);
    }

    static void appendCenti(StringBuilder sb, long centi) {
        appendScaled(sb, centi, 100);
    }

    private static void appendScaled(StringBuilder sb, long units, long scale) {
        if (units < 0) {
            sb.append('-');
            units = -units;
        }
        sb.append(units / scale).append('.');
        long frac = units % scale;
        for (long p = scale / 10; p > 1 && frac < p; p /= 10) {
            sb.append('0');
        }
        sb.append(frac);
    }
}
