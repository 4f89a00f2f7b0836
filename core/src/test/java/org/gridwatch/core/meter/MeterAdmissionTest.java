package org.gridwatch.core.meter;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridwatch.core.codec.ValidationLimits;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.RejectReason;
import org.junit.jupiter.api.Test;

class MeterAdmissionTest {
    private static final long T = 1_768_435_200_000L; // 2026-01-15T08:00+08:00
    private static final long QUARTER = 15 * 60_000L;
    private final MeterAdmission admission = new MeterAdmission(ValidationLimits.DEFAULT);
    private final CoveredQuarters covered = CoveredQuarters.covering(7 * 86_400_000L);

    private static Customer customer(double contractKw) {
        return new Customer(
                "C1",
                "M1",
                CustomerClass.COMMERCIAL,
                "A001",
                "commercial-tou",
                false,
                contractKw,
                Customer.UNKNOWN_SINCE);
    }

    private static MeterReading reading(long end, int minutes, double kwh) {
        return new MeterReading("M1", end, minutes, kwh, Double.NaN, Double.NaN, 0);
    }

    @Test
    void admitsAReadingWithinTheContractCapacity() {
        assertThat(admission.check(reading(T, 60, 300.0), customer(100), covered)).isNull();
    }

    @Test
    void refusesAnHourAboveThreeTimesTheContractCapacityAndDoesNotRememberIt() {
        Refusal refusal = admission.check(reading(T, 60, 300.1), customer(100), covered);

        assertThat(refusal.reason()).isEqualTo(RejectReason.IMPLAUSIBLE_KWH);
        assertThat(refusal.detail()).contains("300.1").contains("100.0 kW");
        assertThat(admission.check(reading(T, 60, 1.0), customer(100), covered)).isNull();
    }

    @Test
    void skipsTheCapacityCheckWhenTheMasterHasNoContractCapacity() {
        assertThat(admission.check(reading(T, 15, 5000), customer(Double.NaN), covered)).isNull();
    }

    @Test
    void refusesTheSecondCopyAsDuplicate() {
        admission.check(reading(T, 15, 1), customer(100), covered);

        Refusal refusal = admission.check(reading(T, 15, 1), customer(100), covered);

        assertThat(refusal.reason()).isEqualTo(RejectReason.DUPLICATE);
        assertThat(refusal.detail()).isEqualTo("meter M1 already delivered this interval");
    }

    @Test
    void refusesTheQuarterHoursOfAnAdmittedHourAsOverlapsWhateverTheirEnergy() {
        admission.check(reading(T, 60, 4.0), customer(100), covered);

        for (int q = 3; q >= 0; q--) {
            assertThat(admission.check(reading(T - q * QUARTER, 15, 1.0), customer(100), covered))
                    .extracting(Refusal::reason)
                    .isEqualTo(RejectReason.OVERLAP);
        }
    }

    @Test
    void judgesCapacityBeforeHistorySoAnImplausibleReSendIsImplausible() {
        admission.check(reading(T, 15, 1.0), customer(8), covered);

        // 8 kW × 0.25 h × 3 = 6 kWh at most in a quarter hour
        assertThat(admission.check(reading(T, 15, 6.1), customer(8), covered).reason())
                .isEqualTo(RejectReason.IMPLAUSIBLE_KWH);
    }
}
