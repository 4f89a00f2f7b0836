package org.gridwatch.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.core.time.StreamProgress.Arrival.FUTURE;
import static org.gridwatch.core.time.StreamProgress.Arrival.LATE;
import static org.gridwatch.core.time.StreamProgress.Arrival.ON_TIME;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.gridwatch.core.time.StreamProgress.Arrival;
import org.gridwatch.core.time.StreamProgress.Witness;
import org.junit.jupiter.api.Test;

class StreamProgressTest {

    private static final long MINUTE = 60_000L;
    private static final long DAY = 1_440 * MINUTE;

    /** One day of tolerance, 15 minutes of out-of-orderness, half the sources must vouch. */
    private final StreamProgress progress = new StreamProgress(DAY, 15 * MINUTE, 0.5);

    private static long at(String localTime) {
        return OffsetDateTime.parse(localTime + ":00+08:00").toInstant().toEpochMilli();
    }

    /** A replay of {@code records}, each judged with all that follow it as look-ahead. */
    private List<Arrival> replay(List<Witness> records) {
        List<Arrival> verdicts = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Witness r = records.get(i);
            verdicts.add(
                    progress.judgeReplay(
                            r.eventMillis(), r.source(), records.subList(i + 1, records.size())));
        }
        return verdicts;
    }

    /** Meters M1..Mn each reporting every 15 minutes from {@code start}, {@code quarters} times. */
    private static List<Witness> fleet(int meters, String start, int quarters) {
        List<Witness> records = new ArrayList<>();
        for (int q = 1; q <= quarters; q++) {
            for (int m = 1; m <= meters; m++) {
                records.add(new Witness("M" + m, at(start) + q * 15 * MINUTE));
            }
        }
        return records;
    }

    @Test
    void anOrderlyStreamIsOnTimeFromItsFirstRecord() {
        assertThat(replay(fleet(3, "2026-01-05T00:00", 8))).containsOnly(ON_TIME).hasSize(24);
        assertThat(progress.newestMillis()).isEqualTo(at("2026-01-05T02:00"));
    }

    @Test
    void aMeterResetTo2099OnTheFirstLineIsFutureAndDoesNotSetThePace() {
        List<Witness> records = new ArrayList<>();
        records.add(new Witness("M7", at("2099-06-01T00:00")));
        records.addAll(fleet(3, "2026-01-05T00:00", 4));

        List<Arrival> verdicts = replay(records);

        assertThat(verdicts.get(0)).isEqualTo(FUTURE);
        assertThat(verdicts.subList(1, verdicts.size())).containsOnly(ON_TIME);
        assertThat(progress.newestMillis()).isEqualTo(at("2026-01-05T01:00"));
    }

    @Test
    void threeFastClocksNearTheTopAreFutureThoughTheyVouchForEachOther() {
        // The reproduction: real meters stamped 2026-03-01, 2027-01-01 and 2099-06-01
        // among 60 meters reporting early January. For the March reading, 3 sources (itself and
        // the other two fast ones) are at or after 2026-02-28; the look-ahead holds 60 sources,
        // so 30 would have to be.
        List<Witness> records = new ArrayList<>(fleet(60, "2026-01-05T00:00", 1));
        records.add(3, new Witness("M10", at("2026-03-01T00:00")));
        records.add(5, new Witness("M20", at("2027-01-01T00:00")));
        records.add(7, new Witness("M30", at("2099-06-01T00:00")));
        records.addAll(fleet(60, "2026-01-05T00:15", 4));

        List<Arrival> verdicts = replay(records);

        assertThat(verdicts.get(3)).isEqualTo(FUTURE);
        assertThat(verdicts.get(5)).isEqualTo(FUTURE);
        assertThat(verdicts.get(7)).isEqualTo(FUTURE);
        assertThat(verdicts).filteredOn(v -> v == FUTURE).hasSize(3);
        // the last quarter of fleet(60, "00:15", 4) ends at 00:15 + 4 × 15 min
        assertThat(progress.newestMillis()).isEqualTo(at("2026-01-05T01:15"));
    }

    @Test
    void theWholeFleetMovingOnAfterAGapIsBelievedAtOnce() {
        List<Witness> records = new ArrayList<>(fleet(4, "2026-01-05T00:00", 2));
        records.addAll(fleet(4, "2026-01-10T00:00", 2)); // a head-end outage of five days

        assertThat(replay(records)).containsOnly(ON_TIME);
        assertThat(progress.newestMillis()).isEqualTo(at("2026-01-10T00:30"));
    }

    @Test
    void aStepOnTheLastLineBeyondTheStreamsPaceIsFuture() {
        List<Witness> records = new ArrayList<>(fleet(2, "2026-01-05T00:00", 2));
        records.add(new Witness("M1", at("2026-01-07T00:00"))); // 2 days after 00:30

        List<Arrival> verdicts = replay(records);

        // the largest step before was 15 minutes: two days is not how this stream moves
        assertThat(verdicts).last().isEqualTo(FUTURE);
        assertThat(verdicts.subList(0, 4)).containsOnly(ON_TIME);
    }

    @Test
    void aSparseStreamsLastRecordStepsAtItsOwnPace() {
        // inspections, days apart: the last comes 8 days after the one before; the largest step
        // before was 6 days, and 8 <= 2 x 6
        List<Witness> records =
                List.of(
                        new Witness("C1", at("2026-01-03T10:00")),
                        new Witness("C2", at("2026-01-09T10:00")),
                        new Witness("C3", at("2026-01-12T10:00")),
                        new Witness("C4", at("2026-01-20T10:00")));

        assertThat(replay(records)).containsOnly(ON_TIME);
    }

    @Test
    void aSparseStreamsLastRecordBeyondTwiceItsPaceIsFuture() {
        // steps of 6 and 3 days, then 13 days: more than 2 x 6
        List<Witness> records =
                List.of(
                        new Witness("C1", at("2026-01-03T10:00")),
                        new Witness("C2", at("2026-01-09T10:00")),
                        new Witness("C3", at("2026-01-12T10:00")),
                        new Witness("C4", at("2026-01-25T10:00")));

        assertThat(replay(records)).containsExactly(ON_TIME, ON_TIME, ON_TIME, FUTURE);
    }

    @Test
    void theOnlyRecordOfAStreamStands() {
        assertThat(progress.judgeReplay(at("2026-01-05T08:15"), "A001", List.of()))
                .isEqualTo(ON_TIME);
    }

    @Test
    void aStepWithinTheToleranceNeedsNoWitness() {
        List<Witness> records = new ArrayList<>(fleet(2, "2026-01-05T00:00", 2));
        records.add(new Witness("M1", at("2026-01-05T23:30"))); // 23 h after 00:30

        assertThat(replay(records)).containsOnly(ON_TIME);
        assertThat(progress.newestMillis()).isEqualTo(at("2026-01-05T23:30"));
    }

    @Test
    void aSingleMeterVouchesForItsOwnStepWhenItIsTheWholeStream() {
        List<Witness> records = new ArrayList<>(fleet(1, "2026-01-05T00:00", 2));
        records.addAll(fleet(1, "2026-01-09T00:00", 3));

        assertThat(replay(records)).containsOnly(ON_TIME);
    }

    @Test
    void aRecordBehindTheNewestByMoreThanTheOutOfOrdernessIsLate() {
        assertThat(progress.judgeReplay(at("2026-01-05T12:00"), "M1", witnesses("M2", "12:15")))
                .isEqualTo(ON_TIME);
        // 12:00 - 15 min = 11:45: 11:45 itself is on time, 11:30 is late
        assertThat(progress.judgeReplay(at("2026-01-05T11:45"), "M2", List.of()))
                .isEqualTo(ON_TIME);
        assertThat(progress.judgeReplay(at("2026-01-05T11:30"), "M3", List.of())).isEqualTo(LATE);
        assertThat(progress.newestMillis()).isEqualTo(at("2026-01-05T12:00"));
    }

    @Test
    void liveRecordsAreJudgedByTheWallClock() {
        long now = at("2026-12-01T10:00");

        assertThat(progress.judgeLive(at("2026-12-02T10:00"), now)).isEqualTo(ON_TIME);
        assertThat(progress.judgeLive(at("2026-12-02T10:15"), now)).isEqualTo(FUTURE);
        assertThat(progress.judgeLive(at("2099-06-01T00:00"), now)).isEqualTo(FUTURE);
        assertThat(progress.judgeLive(at("2026-12-01T09:00"), now)).isEqualTo(LATE);
        assertThat(progress.newestMillis()).isEqualTo(at("2026-12-02T10:00"));
    }

    @Test
    void aWallClockNearTheEndOfTimeDoesNotOverflow() {
        assertThat(progress.judgeLive(Long.MAX_VALUE - 1, Long.MAX_VALUE - 2)).isEqualTo(ON_TIME);
    }

    private static List<Witness> witnesses(String source, String localTime) {
        return List.of(new Witness(source, at("2026-01-05T" + localTime)));
    }
}
