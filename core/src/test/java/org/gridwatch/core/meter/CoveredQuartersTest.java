package org.gridwatch.core.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridwatch.core.meter.CoveredQuarters.Verdict.ADMITTED;
import static org.gridwatch.core.meter.CoveredQuarters.Verdict.DUPLICATE;
import static org.gridwatch.core.meter.CoveredQuarters.Verdict.OVERLAP;
import static org.gridwatch.core.meter.CoveredQuarters.Verdict.TOO_LATE;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gridwatch.core.meter.CoveredQuarters.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Intervals are written as local times in China (UTC+8), "from" to "to". Seven days are 7 × 96 =
 * 672 quarter hours.
 */
class CoveredQuartersTest {
    private static final long SEVEN_DAYS = 7 * 24 * 3_600_000L;

    private final CoveredQuarters week = CoveredQuarters.covering(SEVEN_DAYS);

    private static long at(String local) {
        return LocalDateTime.parse(local).toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
    }

    private static Verdict deliver(CoveredQuarters covered, String from, String to) {
        return covered.admit(at(from), at(to));
    }

    private Verdict deliver(String from, String to) {
        return deliver(week, from, to);
    }

    /** A horizon of two hours (8 quarter hours), 08:00 to 10:00 delivered as two hours. */
    private static CoveredQuarters twoHoursWith0800To1000() {
        CoveredQuarters twoHours = new CoveredQuarters(8);
        deliver(twoHours, "2026-01-15T08:00", "2026-01-15T09:00");
        deliver(twoHours, "2026-01-15T09:00", "2026-01-15T10:00");
        return twoHours;
    }

    @Test
    void admitsAQuarterHourOnceAndCallsTheSameQuarterHourAgainADuplicate() {
        assertThat(deliver("2026-01-15T09:00", "2026-01-15T09:15")).isEqualTo(ADMITTED);
        assertThat(deliver("2026-01-15T09:15", "2026-01-15T09:30")).isEqualTo(ADMITTED);

        assertThat(deliver("2026-01-15T09:00", "2026-01-15T09:15")).isEqualTo(DUPLICATE);
        assertThat(deliver("2026-01-15T09:15", "2026-01-15T09:30")).isEqualTo(DUPLICATE);
    }

    @Test
    void callsTheSameHourSentAgainADuplicate() {
        assertThat(deliver("2026-01-15T09:00", "2026-01-15T10:00")).isEqualTo(ADMITTED);

        assertThat(deliver("2026-01-15T09:00", "2026-01-15T10:00")).isEqualTo(DUPLICATE);
    }

    @Test
    void callsAnHourAfterItsFourQuarterHoursAnOverlap() {
        deliver("2026-01-15T09:00", "2026-01-15T09:15");
        deliver("2026-01-15T09:15", "2026-01-15T09:30");
        deliver("2026-01-15T09:30", "2026-01-15T09:45");
        deliver("2026-01-15T09:45", "2026-01-15T10:00");

        assertThat(deliver("2026-01-15T09:00", "2026-01-15T10:00")).isEqualTo(OVERLAP);
        assertThat(week.coveredQuarters(at("2026-01-15T09:00"), at("2026-01-15T10:00")))
                .isEqualTo(4);
    }

    @Test
    void callsEachQuarterHourAfterTheirHourAnOverlap() {
        deliver("2026-01-15T09:00", "2026-01-15T10:00");

        assertThat(deliver("2026-01-15T09:00", "2026-01-15T09:15")).isEqualTo(OVERLAP);
        assertThat(deliver("2026-01-15T09:15", "2026-01-15T09:30")).isEqualTo(OVERLAP);
        assertThat(deliver("2026-01-15T09:30", "2026-01-15T09:45")).isEqualTo(OVERLAP);
        assertThat(deliver("2026-01-15T09:45", "2026-01-15T10:00")).isEqualTo(OVERLAP);
    }

    @Test
    void callsAnHourOverlappingOneEarlierQuarterHourAnOverlapAndLeavesItsOtherQuartersFree() {
        deliver("2026-01-15T09:30", "2026-01-15T09:45");

        assertThat(deliver("2026-01-15T09:00", "2026-01-15T10:00")).isEqualTo(OVERLAP);
        assertThat(week.coveredQuarters(at("2026-01-15T09:00"), at("2026-01-15T10:00")))
                .isEqualTo(1);
        // the refused hour covered nothing: its other three quarter hours can still come
        assertThat(deliver("2026-01-15T09:00", "2026-01-15T09:15")).isEqualTo(ADMITTED);
        assertThat(deliver("2026-01-15T09:15", "2026-01-15T09:30")).isEqualTo(ADMITTED);
        assertThat(deliver("2026-01-15T09:45", "2026-01-15T10:00")).isEqualTo(ADMITTED);
    }

    @Test
    void callsAnHourAcrossAnEarlierHalfHourAnOverlapAndTheHalfHourInsideAnHourToo() {
        deliver("2026-01-15T09:30", "2026-01-15T10:00");
        assertThat(deliver("2026-01-15T09:00", "2026-01-15T10:00")).isEqualTo(OVERLAP);

        deliver("2026-01-15T11:00", "2026-01-15T12:00");
        assertThat(deliver("2026-01-15T11:30", "2026-01-15T12:00")).isEqualTo(OVERLAP);
    }

    @Test
    void tellsAnIntervalFromALongerOrShorterOneStartingAtTheSameQuarterHour() {
        deliver("2026-01-15T09:00", "2026-01-15T10:00");
        assertThat(deliver("2026-01-15T09:00", "2026-01-15T09:30")).isEqualTo(OVERLAP);

        deliver("2026-01-15T11:00", "2026-01-15T11:30");
        assertThat(deliver("2026-01-15T11:00", "2026-01-15T12:00")).isEqualTo(OVERLAP);
    }

    @Test
    void admitsIntervalsThatMeetEndToEndAndStillKnowsEachOneExactly() {
        assertThat(deliver("2026-01-15T09:00", "2026-01-15T10:00")).isEqualTo(ADMITTED);
        assertThat(deliver("2026-01-15T10:00", "2026-01-15T10:15")).isEqualTo(ADMITTED);
        assertThat(deliver("2026-01-15T08:30", "2026-01-15T09:00")).isEqualTo(ADMITTED);

        assertThat(deliver("2026-01-15T09:00", "2026-01-15T10:00")).isEqualTo(DUPLICATE);
        assertThat(deliver("2026-01-15T10:00", "2026-01-15T10:15")).isEqualTo(DUPLICATE);
        assertThat(deliver("2026-01-15T08:30", "2026-01-15T09:00")).isEqualTo(DUPLICATE);
        assertThat(deliver("2026-01-15T08:30", "2026-01-15T09:30")).isEqualTo(OVERLAP);
    }

    @Test
    void judgesAnHourEndingAtMidnightAgainstTheQuarterHoursOnBothSidesOfIt() {
        assertThat(deliver("2026-01-15T23:00", "2026-01-16T00:00")).isEqualTo(ADMITTED);

        assertThat(deliver("2026-01-15T23:45", "2026-01-16T00:00")).isEqualTo(OVERLAP);
        assertThat(deliver("2026-01-16T00:00", "2026-01-16T00:15")).isEqualTo(ADMITTED);
        assertThat(deliver("2026-01-15T23:00", "2026-01-16T00:00")).isEqualTo(DUPLICATE);
    }

    @Test
    void aRefusedIntervalDoesNotMoveTheNewestQuarterHour() {
        deliver("2026-01-15T09:00", "2026-01-15T09:15");
        // 09:00 to 10:00 overlaps and would have made 09:45 the newest quarter hour
        assertThat(deliver("2026-01-15T09:00", "2026-01-15T10:00")).isEqualTo(OVERLAP);

        // 671 quarter hours behind 09:00 is within the horizon only if 09:00 is still the newest
        assertThat(deliver("2026-01-08T09:15", "2026-01-08T09:30")).isEqualTo(ADMITTED);
    }

    @Test
    void callsAQuarterHourSevenDaysOrMoreBehindTheNewestTooLate() {
        deliver("2026-01-20T08:00", "2026-01-20T08:15");

        // 08:00 on the 20th minus 08:15 on the 13th: 7 days less a quarter hour, 671 quarters
        assertThat(deliver("2026-01-13T08:15", "2026-01-13T08:30")).isEqualTo(ADMITTED);
        // 672 quarters: just out of the horizon
        assertThat(deliver("2026-01-13T08:00", "2026-01-13T08:15")).isEqualTo(TOO_LATE);
    }

    @Test
    void callsAnHourTooLateWhenItsFirstQuarterHourIsBeyondTheHorizonThoughTheOthersAreWithin() {
        deliver("2026-01-20T09:00", "2026-01-20T09:15");

        // its first quarter 09:00 on the 13th is 672 quarters behind; 09:15 to 10:00 are within
        assertThat(deliver("2026-01-13T09:00", "2026-01-13T10:00")).isEqualTo(TOO_LATE);
        assertThat(deliver("2026-01-13T10:00", "2026-01-13T11:00")).isEqualTo(ADMITTED);
    }

    @Test
    void callsAnOverlapWhereTheRemainingQuarterHoursOfAnHourPartlyBeyondTheHorizonAre() {
        CoveredQuarters twoHours = twoHoursWith0800To1000();
        deliver(twoHours, "2026-01-15T10:00", "2026-01-15T10:30");
        // remembered now: 08:30 to 10:30; 08:00 to 09:00 lost its first two quarter hours

        assertThat(deliver(twoHours, "2026-01-15T08:00", "2026-01-15T09:00")).isEqualTo(TOO_LATE);
        assertThat(deliver(twoHours, "2026-01-15T08:30", "2026-01-15T08:45")).isEqualTo(OVERLAP);
        assertThat(deliver(twoHours, "2026-01-15T09:00", "2026-01-15T10:00")).isEqualTo(DUPLICATE);
    }

    @Test
    void reusesTheRingOnlyForQuarterHoursThatLeftTheHorizon() {
        CoveredQuarters twoHours = new CoveredQuarters(8);
        for (String hour : new String[] {"08", "09"}) {
            for (String minute : new String[] {"00", "15", "30", "45"}) {
                String from = "2026-01-15T" + hour + ":" + minute;
                deliver(twoHours, from, LocalDateTime.parse(from).plusMinutes(15).toString());
            }
        }
        // 10:00 to 11:00 takes the ring slots of 08:00 to 09:00, which leave the horizon
        assertThat(deliver(twoHours, "2026-01-15T10:00", "2026-01-15T11:00")).isEqualTo(ADMITTED);

        assertThat(deliver(twoHours, "2026-01-15T09:00", "2026-01-15T09:15")).isEqualTo(DUPLICATE);
        assertThat(deliver(twoHours, "2026-01-15T08:45", "2026-01-15T09:00")).isEqualTo(TOO_LATE);
        assertThat(deliver(twoHours, "2026-01-15T10:00", "2026-01-15T11:00")).isEqualTo(DUPLICATE);
        assertThat(deliver(twoHours, "2026-01-15T10:15", "2026-01-15T10:30")).isEqualTo(OVERLAP);
    }

    @Test
    void freesTheQuarterHoursAReadingJumpsOverWhenTheirRingSlotsHeldOlderOnes() {
        CoveredQuarters twoHours = twoHoursWith0800To1000();

        // 10:30 becomes the newest; 10:00 and 10:15 were skipped and take 08:00's and 08:15's slots
        deliver(twoHours, "2026-01-15T10:30", "2026-01-15T10:45");

        assertThat(deliver(twoHours, "2026-01-15T10:00", "2026-01-15T10:15")).isEqualTo(ADMITTED);
        assertThat(deliver(twoHours, "2026-01-15T10:15", "2026-01-15T10:30")).isEqualTo(ADMITTED);
    }

    @Test
    void forgetsEverythingAfterAGapLongerThanTheHorizon() {
        CoveredQuarters twoHours = twoHoursWith0800To1000();

        deliver(twoHours, "2026-01-15T14:00", "2026-01-15T14:15");

        // 12:15 is 7 quarters behind 14:00 and sits in the ring slot 08:15 had (4 h = 2 × 8)
        assertThat(deliver(twoHours, "2026-01-15T12:15", "2026-01-15T12:30")).isEqualTo(ADMITTED);
        assertThat(deliver(twoHours, "2026-01-15T12:30", "2026-01-15T13:30")).isEqualTo(ADMITTED);
    }

    @Test
    void judgesHoursThatWrapAroundTheEndOfARingOfSixQuarterHours() {
        CoveredQuarters ninetyMinutes = new CoveredQuarters(6);
        // hours take quarter slots 0-3, then 4, 5, 0, 1, then 2-5 (08:00 local is slot 0)
        assertThat(deliver(ninetyMinutes, "2026-01-15T08:00", "2026-01-15T09:00"))
                .isEqualTo(ADMITTED);
        assertThat(deliver(ninetyMinutes, "2026-01-15T09:00", "2026-01-15T10:00"))
                .isEqualTo(ADMITTED);

        assertThat(deliver(ninetyMinutes, "2026-01-15T09:00", "2026-01-15T10:00"))
                .isEqualTo(DUPLICATE);
        assertThat(deliver(ninetyMinutes, "2026-01-15T09:30", "2026-01-15T09:45"))
                .isEqualTo(OVERLAP);
        assertThat(deliver(ninetyMinutes, "2026-01-15T10:00", "2026-01-15T11:00"))
                .isEqualTo(ADMITTED);
        assertThat(deliver(ninetyMinutes, "2026-01-15T09:30", "2026-01-15T10:00"))
                .isEqualTo(OVERLAP);
        assertThat(deliver(ninetyMinutes, "2026-01-15T10:00", "2026-01-15T11:00"))
                .isEqualTo(DUPLICATE);
    }

    @Test
    void overTwoDaysCountsEveryHourOnceHoweverItIsSentAgain() {
        // 48 hours cross a day boundary, the ring's end (08:00 on the 15th is slot 0 of 672) and
        // six of the ring's 64-bit words
        LocalDateTime hour = LocalDateTime.parse("2026-01-14T00:00");
        for (int h = 0; h < 48; h++, hour = hour.plusHours(1)) {
            String from = hour.toString();
            String to = hour.plusHours(1).toString();
            assertThat(deliver(from, to)).as(from).isEqualTo(ADMITTED);
            for (int q = 0; q < 4; q++) {
                String quarter = hour.plusMinutes(15 * q).toString();
                String quarterEnd = hour.plusMinutes(15 * q + 15).toString();
                assertThat(deliver(quarter, quarterEnd)).as(quarter).isEqualTo(OVERLAP);
            }
            assertThat(deliver(from, to)).as(from).isEqualTo(DUPLICATE);
        }
    }

    @Test
    void aSevenDayHorizonHasOneSlotPerQuarterHourAndAnHourIsTheShortest() {
        assertThat(week.horizonQuarters()).isEqualTo(672);
        assertThat(CoveredQuarters.covering(3_600_000L).horizonQuarters()).isEqualTo(4);
        assertThatThrownBy(() -> CoveredQuarters.covering(2_700_000L))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Judged by the definitions instead of a ring: the intervals admitted so far, and the horizon
     * behind the newest quarter hour admitted; a quarter hour counts as covered while it lies in an
     * admitted interval and within the horizon.
     */
    private static final class Delivered {
        private final int horizon;
        private final List<long[]> admitted = new ArrayList<>();
        private long newest = Long.MIN_VALUE;

        Delivered(int horizon) {
            this.horizon = horizon;
        }

        Verdict deliver(long first, long last) {
            if (!admitted.isEmpty()) {
                if (newest - first >= horizon) {
                    return TOO_LATE;
                }
                for (long[] a : admitted) {
                    if (a[0] == first && a[1] == last) {
                        return DUPLICATE;
                    }
                }
                for (long q = first; q <= last; q++) {
                    if (q > newest - horizon && q <= newest && isAdmitted(q)) {
                        return OVERLAP;
                    }
                }
            }
            admitted.add(new long[] {first, last});
            newest = admitted.size() == 1 ? last : Math.max(newest, last);
            return ADMITTED;
        }

        int covered(long first, long last) {
            int n = 0;
            for (long q = first; q <= last; q++) {
                if (!admitted.isEmpty() && q > newest - horizon && q <= newest && isAdmitted(q)) {
                    n++;
                }
            }
            return n;
        }

        private boolean isAdmitted(long q) {
            for (long[] a : admitted) {
                if (a[0] <= q && q <= a[1]) {
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void judgesEveryIntervalAsTheDefinitionsDoAroundTheRingsEdgesWhateverCameBefore() {
        Random random = new Random(44);
        long quarter = 900_000L;
        for (int horizon : new int[] {4, 5, 8, 13, 672}) {
            for (int run = 0; run < 20; run++) {
                CoveredQuarters ring = new CoveredQuarters(horizon);
                Delivered model = new Delivered(horizon);
                long front = 1_000_000 + random.nextInt(1_000); // quarter hours since the epoch
                for (int i = 0; i < 400; i++) {
                    int length = new int[] {1, 1, 2, 4, Math.min(horizon, 4)}[random.nextInt(5)];
                    int move = random.nextInt(10);
                    long first =
                            move < 5
                                    ? front + random.nextInt(3) // on, or just past, the newest
                                    : move < 9
                                            ? front - random.nextInt(horizon + 3) // late
                                            : front + horizon + random.nextInt(2 * horizon);
                    long last = first + length - 1;
                    Verdict expected = model.deliver(first, last);
                    assertThat(ring.admit(first * quarter, (last + 1) * quarter))
                            .as(
                                    "horizon %d, run %d, delivery %d: [%d, %d]",
                                    horizon, run, i, first, last)
                            .isEqualTo(expected);
                    front = Math.max(front, expected == ADMITTED ? last : front);
                    long from = front - random.nextInt(horizon + 4);
                    long to = from + random.nextInt(horizon + 8);
                    assertThat(ring.coveredQuarters(from * quarter, (to + 1) * quarter))
                            .as("horizon %d, run %d, covered of [%d, %d]", horizon, run, from, to)
                            .isEqualTo(model.covered(from, to));
                }
            }
        }
    }
}
