package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.junit.jupiter.api.Test;

/**
 * A day's readings gathered in two parts and merged must judge as the day the same readings make
 * added to one {@link DayLoad} ({@link DayLoad#add}, tested on its own, is the reference), but for
 * the registers, which two meters count apart.
 */
class DayLoadMergeTest {
    private static final long D = 20_000;
    private static final long START = D * Days.DAY;

    /** A day of quarter hours; a flat stretch now and then, so that the tie count matters. */
    private static List<MeterReading> day(Random random) {
        List<MeterReading> reads = new ArrayList<>();
        double register = 1_000;
        double flat = 0.4 + random.nextDouble();
        for (int q = 0; q < 96; q++) {
            double kwh =
                    random.nextDouble() < 0.3
                            ? flat
                            : Math.round(random.nextDouble() * 1_500) / 1_000.0;
            register += kwh;
            if (random.nextDouble() < 0.03) {
                continue; // lost
            }
            int events = random.nextDouble() < 0.02 ? MeterEvent.COVER_OPEN.bit() : 0;
            double export = random.nextDouble() < 0.1 ? 0.02 : Double.NaN;
            double read = random.nextDouble() < 0.1 ? Double.NaN : register;
            reads.add(
                    new MeterReading(
                            "M", START + (q + 1) * 900_000L, 15, kwh, read, export, events));
        }
        return reads;
    }

    @Test
    void aDaySplitInTwoPartsMergesIntoTheDayOfAllItsReadings() {
        for (int seed = 1; seed <= 60; seed++) {
            Random random = new Random(seed);
            List<MeterReading> reads = day(random);
            Collections.shuffle(reads, random);
            DayLoad whole = new DayLoad(D, START);
            DayLoad first = new DayLoad(D, START);
            DayLoad second = new DayLoad(D, START);
            for (MeterReading r : reads) {
                whole.add(r);
                (random.nextBoolean() ? first : second).add(r);
            }

            // the merge is of two meters' parts of a day (an exchange): where both have a
            // register, they count apart and no start is kept (DayLoadTest); else as the whole
            boolean twoRegisters =
                    !Double.isNaN(first.registerEndKwh) && !Double.isNaN(second.registerEndKwh);
            first.merge(second);

            for (int h = 0; h < DayLoad.HOURS; h++) {
                assertThat(first.hourly[h]).isCloseTo(whole.hourly[h], within(1e-4f));
            }
            assertThat(new int[] {first.readings, first.zeroReadings, first.minutes, first.events})
                    .containsExactly(
                            whole.readings, whole.zeroReadings, whole.minutes, whole.events);
            assertThat(first.maxKw()).isEqualTo(whole.maxKw());
            assertThat(first.tiedAtMax()).as("seed %d", seed).isEqualTo(whole.tiedAtMax());
            assertThat(first.exportHours).isEqualTo(whole.exportHours);
            assertThat(first.registerEndMillis).isEqualTo(whole.registerEndMillis);
            assertThat(first.registerEndKwh).isEqualTo(whole.registerEndKwh);
            if (twoRegisters) {
                assertThat(first.registerStartKwh).isNaN();
                assertThat(first.registerGapKwh()).isNaN();
            } else {
                assertThat(first.registerStartMillis).isEqualTo(whole.registerStartMillis);
                assertThat(first.registerStartKwh).isEqualTo(whole.registerStartKwh);
                assertThat(first.registerGapKwh()).isCloseTo(whole.registerGapKwh(), within(1e-3));
            }
        }
    }

    @Test
    void anEmptyPartChangesNothing() {
        DayLoad day = new DayLoad(D, START);
        day.add(Days.reading(START + 900_000L, 15, 0.25));

        day.merge(new DayLoad(D, START));

        assertThat(day.readings).isEqualTo(1);
        assertThat(day.intervalMinutes).isEqualTo(15);
        assertThat(day.maxKw()).isEqualTo(1.0);
    }

    @Test
    void anotherDayIsRefused() {
        DayLoad next = new DayLoad(D + 1, START + Days.DAY);

        assertThatThrownBy(() -> new DayLoad(D, START).merge(next))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
