package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.junit.jupiter.api.Test;

class DayJudgeTest {
    private static final Customer HOUSE = customer(CustomerClass.RESIDENTIAL);
    private static final Customer SHOP = customer(CustomerClass.COMMERCIAL);
    private static final Customer PREPAID_HOUSE = customer(CustomerClass.RESIDENTIAL, true);

    private static Customer customer(CustomerClass c) {
        return customer(c, false);
    }

    private static Customer customer(CustomerClass c, boolean prepaid) {
        return new Customer("C1", "M1", c, "A1", "t", prepaid, Double.NaN, Customer.UNKNOWN_SINCE);
    }

    private static DayReport close(UsageBaseline b, DayLoad day, Customer c, double[] prices) {
        return DayJudge.close(b, day, c, false, null, prices, (day.epochDay + 1) * Days.DAY);
    }

    /**
     * {@code hours} one-hour readings of 1 kWh from 00:00, the register starting at {@code reg}.
     */
    private static DayLoad registered(long d, int hours, double reg, int events) {
        return registered(d, hours, reg, events, 1.0);
    }

    /**
     * {@code hours} one-hour readings of {@code kwh} each from 00:00, the register starting at
     * {@code reg} and counting 1 kWh an hour whatever they report.
     */
    private static DayLoad registered(long d, int hours, double reg, int events, double kwh) {
        DayLoad day = new DayLoad(d, d * Days.DAY);
        for (int h = 0; h < hours; h++) {
            day.add(
                    new MeterReading(
                            "M1",
                            d * Days.DAY + (h + 1) * Days.HOUR,
                            60,
                            kwh,
                            reg + h + 1,
                            Double.NaN,
                            events));
        }
        return day;
    }

    @Test
    void aDayCoveredLessThanNinetyPercentIsNeitherJudgedNorLearnedButItsMeterSpeaks() {
        UsageBaseline b = new UsageBaseline();
        for (int d = 0; d < 5; d++) {
            close(b, Days.hourly(d, Days.flat(1)), HOUSE, null);
        }
        // 20 of 24 hours read: coverage 0.83
        DayLoad partial = registered(5, 20, 0, MeterEvent.COVER_OPEN.bit());
        DayReport r = close(b, partial, HOUSE, null);
        assertThat(r.scored()).isFalse();
        assertThat(r.value()).containsOnly(0.0);
        assertThat(r.z()).containsOnly(0.0);
        assertThat(r.usualKwh()).isNaN();
        assertThat(r.lossCny()).isNaN();
        assertThat(r.kwh()).isCloseTo(20.0, within(1e-6));
        assertThat(r.tamper()).isTrue();
        assertThat(b.days()).as("not learned").isEqualTo(5);
        assertThat(b.profile[0]).isEqualTo(1f);
    }

    @Test
    void aDayWhoseIntervalsReadZeroWhileItsRegisterCountsIsNeitherJudgedNorLearned() {
        UsageBaseline b = new UsageBaseline();
        for (int d = 0; d < 30; d++) {
            close(b, registered(d, 24, 1000 + 24 * d, 0), HOUSE, null); // 1 kWh every hour
        }
        // every hour read, each 0 kWh, while the register goes on 1 kWh an hour (1720 → 1744):
        // the bill is the register's 24 kWh, the intervals' 0 are the meter's fault
        DayReport r = close(b, registered(30, 24, 1720, 0, 0.0), HOUSE, null);
        assertThat(r.scored()).isFalse();
        assertThat(r.z()).containsOnly(0.0);
        assertThat(r.registerMismatch())
                .as("no theft evidence: the register bills it all")
                .isFalse();
        assertThat(b.days()).as("not learned").isEqualTo(30);
        assertThat(b.profile[0]).isEqualTo(1f);
        // the same register with readings that agree is judged
        DayReport agreeing = close(b, registered(31, 24, 1744, 0), HOUSE, null);
        assertThat(agreeing.scored()).isTrue();
        assertThat(b.days()).isEqualTo(31);
    }

    @Test
    void underTimeOfUsePricesARegisterAheadOfItsIntervalsIsEvidenceStill() {
        UsageBaseline b = new UsageBaseline();
        double[] touPrices = Days.flat(0.5);
        for (int h = 8; h < 22; h++) {
            touPrices[h] = 1.0; // peak hours
        }
        // the register counts 1 kWh an hour from 1000 while the intervals say 0: billed in full,
        // but split over the periods as the intervals split theirs, which missed the peak's
        DayReport r = close(b, registered(0, 24, 1000, 0, 0.0), SHOP, touPrices);
        assertThat(r.registerMismatch()).isTrue();
        assertThat(r.scored()).as("its readings still say nothing of its use").isFalse();
        assertThat(DayJudge.changesWithTheHour(touPrices)).isTrue();
        assertThat(DayJudge.changesWithTheHour(Days.flat(0.5))).isFalse();
        assertThat(DayJudge.changesWithTheHour(null)).isFalse();
    }

    @Test
    void theReportsHoursAreCompletedFromTheUsualDayTheKwhIsAsRead() {
        UsageBaseline b = new UsageBaseline();
        for (int d = 0; d < 5; d++) {
            close(b, Days.hourly(d, Days.flat(1)), HOUSE, null); // usual: 1 kWh every hour
        }
        // 00:00-22:00 read at 2 kWh an hour, 22:00-24:00 not read: the day runs at 44 / 22 = 2 ×
        // its usual, so each hour not read is 2 × 1 kWh
        DayLoad day = new DayLoad(5, 5 * Days.DAY);
        for (int h = 0; h < 22; h++) {
            day.add(Days.reading(5 * Days.DAY + (h + 1) * Days.HOUR, 60, 2.0));
        }
        DayReport r = close(b, day, HOUSE, null);
        assertThat(r.hourly()[21]).isCloseTo(2f, within(1e-6f));
        assertThat(r.hourly()[22]).isCloseTo(2f, within(1e-6f));
        assertThat(r.hourly()[23]).isCloseTo(2f, within(1e-6f));
        assertThat(r.kwh()).isCloseTo(44.0, within(1e-6)); // the balance completes it its own way
        assertThat(r.uncovered()).isCloseTo(2f / 24, within(1e-6f));
    }

    @Test
    void ninetyPercentOfTheDayIsEnough() {
        UsageBaseline b = new UsageBaseline();
        DayLoad judged = new DayLoad(0, 0);
        for (int s = 1; s <= 44; s++) { // 44 × 30 = 1320 min = 0.917 of 1440
            judged.add(Days.reading(s * 1_800_000L, 30, 0.5));
        }
        close(b, judged, HOUSE, null);
        assertThat(b.days()).isEqualTo(1);
        DayLoad short43 = new DayLoad(1, Days.DAY);
        for (int s = 1; s <= 43; s++) { // 1290 min = 0.896
            short43.add(Days.reading(Days.DAY + s * 1_800_000L, 30, 0.5));
        }
        close(b, short43, HOUSE, null);
        assertThat(b.days()).isEqualTo(1);
    }

    @Test
    void daysAreScoredOnlyWithTwentyOneDaysOfHistory() {
        UsageBaseline b = new UsageBaseline();
        for (int d = 0; d < TheftEvidence.MIN_HISTORY_DAYS; d++) {
            DayReport r = close(b, Days.hourly(d, Days.flat(1)), HOUSE, null);
            assertThat(r.scored()).as("day %d, %d known", d, d).isFalse();
        }
        DayReport r = close(b, Days.hourly(21, Days.flat(1)), HOUSE, null);
        assertThat(r.scored()).isTrue();
        assertThat(r.usualKwh()).isCloseTo(24.0, within(1e-4));
        assertThat(r.z()).hasSize(Feature.COUNT);
    }

    @Test
    void theRegisterIsCarriedFromDayToDay() {
        UsageBaseline b = new UsageBaseline();
        DayReport first = close(b, registered(1, 24, 1000, 0), HOUSE, null); // ends at 1024
        assertThat(first.registerRollback()).isFalse();
        assertThat(b.lastRegisterKwh).isEqualTo(1024.0);
        assertThat(b.lastRegisterDay).isEqualTo(1);
        // the next day starts at 1022: 2 kWh below the last register; a partial day still tells
        DayReport rolledBack = close(b, registered(2, 3, 1022, 0), HOUSE, null); // ends at 1025
        assertThat(rolledBack.scored()).isFalse();
        assertThat(rolledBack.registerRollback()).isTrue();
        // carried from the partial day: 1025, and the next starts there
        DayReport next = close(b, registered(3, 24, 1025, 0), HOUSE, null);
        assertThat(next.registerRollback()).isFalse();
        assertThat(b.lastRegisterKwh).isEqualTo(1049.0);
    }

    @Test
    void aReplacedMetersRegisterIsNotComparedWithTheOldOnes() {
        UsageBaseline b = new UsageBaseline();
        close(b, registered(1, 24, 18_000, 0), HOUSE, null); // ends at 18,024
        // exchanged on day 2, noticed while day 2 was open; the old meter's day 2 closes after
        b.registerReplaced(2);
        assertThat(b.lastRegisterKwh).isNaN();
        close(b, registered(2, 10, 18_024, 0), HOUSE, null); // ends at 18,034, not kept
        assertThat(b.lastRegisterKwh).isNaN();
        // the new meter counts from 0: no rollback; the register goes on from its end
        DayReport first = close(b, registered(3, 24, 0, 0), HOUSE, null);
        assertThat(first.registerRollback()).isFalse();
        assertThat(b.lastRegisterKwh).isEqualTo(24.0);
        // and a step back of the new meter is one
        assertThat(close(b, registered(4, 24, 20, 0), HOUSE, null).registerRollback()).isTrue();
    }

    @Test
    void aMeterReplacedDuringTheDayMakesNoRegisterMismatchThatDay() {
        UsageBaseline b = new UsageBaseline();
        close(b, registered(1, 24, 18_000, 0), HOUSE, null); // ends at 18,024
        // found faulty on day 2 at 10:00 and replaced: the old register to 18,034, the new from 0
        b.registerReplaced(2);
        DayLoad day = registered(2, 10, 18_024, 0);
        for (int h = 10; h < 24; h++) {
            day.add(
                    new MeterReading(
                            "M1",
                            2 * Days.DAY + (h + 1) * Days.HOUR,
                            60,
                            1.0,
                            h - 9,
                            Double.NaN,
                            0));
        }
        assertThat(day.registerGapKwh()).as("as read: 14 − 18,024 − 24").isLessThan(-18_000);
        DayReport r = close(b, day, HOUSE, null);
        assertThat(r.registerMismatch()).isFalse();
        assertThat(r.registerRollback()).isFalse();
        assertThat(MeterEvidence.disagree(day)).isFalse(); // nor for the metering team
        assertThat(b.lastRegisterKwh).isNaN(); // a day of the replacement is not kept as the last
        // the next day goes on from the new register
        close(b, registered(3, 24, 14, 0), HOUSE, null);
        assertThat(b.lastRegisterKwh).isEqualTo(38.0);
    }

    @Test
    void aPrepaidDayAtZeroThroughoutIsNeitherJudgedNorLearned() {
        Customer prepaid = PREPAID_HOUSE;
        UsageBaseline b = new UsageBaseline();
        for (int d = 0; d < 30; d++) {
            close(b, Days.hourly(d, Days.flat(1)), prepaid, null);
        }
        int known = b.days();
        DayReport cut = close(b, Days.hourly(30, Days.flat(0)), prepaid, null);
        assertThat(cut.scored()).isFalse();
        assertThat(b.days()).isEqualTo(known);
        assertThat(cut.kwh()).isZero(); // still reported, for the area's balance
        // zeros for part of the day are judged: no relay did that
        double[] morningZeros = Days.flat(1);
        java.util.Arrays.fill(morningZeros, 0, 12, 0);
        assertThat(close(b, Days.hourly(31, morningZeros), prepaid, null).scored()).isTrue();
        // and a post-paid customer's day at zero throughout is judged
        UsageBaseline postPaid = new UsageBaseline();
        for (int d = 0; d < 30; d++) {
            close(postPaid, Days.hourly(d, Days.flat(1)), HOUSE, null);
        }
        assertThat(close(postPaid, Days.hourly(30, Days.flat(0)), HOUSE, null).scored()).isTrue();
    }

    /** Customer C1 with the contract given. */
    private static Customer c1(
            String meterId,
            CustomerClass c,
            String areaId,
            String tariffId,
            double kw,
            long since) {
        return new Customer("C1", meterId, c, areaId, tariffId, false, kw, since);
    }

    @Test
    void aNewTariffClassCapacityOrConnectionDateExpectsNewHabits() {
        CustomerClass home = CustomerClass.RESIDENTIAL;
        Customer before = c1("M1", home, "A1", "t", 8.0, 19_000);
        assertThat(DayJudge.expectsNewHabits(before, before)).isFalse();
        for (Customer changed :
                List.of(
                        c1("M1", home, "A1", "t-offpeak", 8.0, 19_000),
                        c1("M1", CustomerClass.COMMERCIAL, "A1", "t", 8.0, 19_000),
                        c1("M1", home, "A1", "t", 4.0, 19_000),
                        c1("M1", home, "A1", "t", 8.0, 20_000))) {
            assertThat(DayJudge.expectsNewHabits(before, changed)).as("%s", changed).isTrue();
        }
        // another meter, area or way of paying: the same customer using as before
        Customer prepaid = new Customer("C1", "M1", home, "A1", "t", true, 8.0, 19_000);
        for (Customer same :
                List.of(
                        c1("M2", home, "A1", "t", 8.0, 19_000),
                        c1("M1", home, "A2", "t", 8.0, 19_000),
                        prepaid)) {
            assertThat(DayJudge.expectsNewHabits(before, same)).as("%s", same).isFalse();
        }
        Customer noCapacity = c1("M1", home, "A1", "t", Double.NaN, 19_000);
        assertThat(DayJudge.expectsNewHabits(noCapacity, noCapacity)).isFalse();
    }

    @Test
    void theLossIsTheUsualChargeLessTheDays() {
        UsageBaseline b = new UsageBaseline();
        double[] prices = Days.flat(0.5);
        close(b, Days.hourly(0, Days.flat(1)), SHOP, prices);
        // usual 24 kWh × 0.5 = 12 CNY; the day 24 × 0.5 kWh × 0.5 = 6 CNY → 6 CNY at risk
        DayReport r = close(b, Days.hourly(1, Days.flat(0.5)), SHOP, prices);
        assertThat(r.lossCny()).isCloseTo(6.0, within(1e-5));
        assertThat(r.customerId()).isEqualTo("C1");
        assertThat(r.customerClass()).isEqualTo("COMMERCIAL");
        assertThat(r.closedAtMillis()).isEqualTo(2 * Days.DAY);
    }
}
