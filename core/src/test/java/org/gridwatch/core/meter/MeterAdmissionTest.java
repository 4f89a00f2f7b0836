package org.gridwatch.core.meter;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridwatch.core.codec.ValidationLimits;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.RejectReason;
import org.junit.jupiter.api.Test;

class MeterAdmissionTest {
    private static final long T = 1_768_435_200_000L;
    private final MeterAdmission admission = new MeterAdmission(ValidationLimits.DEFAULT);

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
        SeenIntervals seen = SeenIntervals.covering(7 * 86_400_000L);
        assertThat(admission.check(reading(T, 60, 300.0), customer(100), seen)).isNull();
    }

    @Test
    void refusesAnHourAboveThreeTimesTheContractCapacityAndDoesNotRememberIt() {
        SeenIntervals seen = SeenIntervals.covering(7 * 86_400_000L);
        MeterAdmission.Refusal refusal =
                admission.check(reading(T, 60, 300.1), customer(100), seen);

        assertThat(refusal.reason()).isEqualTo(RejectReason.IMPLAUSIBLE_KWH);
        assertThat(refusal.detail()).contains("300.1").contains("100.0 kW");
        assertThat(admission.check(reading(T, 60, 1.0), customer(100), seen)).isNull();
    }

    @Test
    void skipsTheCapacityCheckWhenTheMasterHasNoContractCapacity() {
        SeenIntervals seen = SeenIntervals.covering(7 * 86_400_000L);
        assertThat(admission.check(reading(T, 15, 5000), customer(Double.NaN), seen)).isNull();
    }

    @Test
    void refusesTheSecondCopyAsDuplicate() {
        SeenIntervals seen = SeenIntervals.covering(7 * 86_400_000L);
        admission.check(reading(T, 15, 1), customer(100), seen);
        assertThat(admission.check(reading(T, 15, 1), customer(100), seen).reason())
                .isEqualTo(RejectReason.DUPLICATE);
    }
}
