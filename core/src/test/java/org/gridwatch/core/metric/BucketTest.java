package org.gridwatch.core.metric;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BucketTest {

    @Test
    void placesAnInstantInTheQuarterHourItFallsIn() {
        long t = 1_768_436_100_000L; // 08:15 local
        assertThat(Bucket.startOf(t)).isEqualTo(t);
        assertThat(Bucket.startOf(t + 14 * 60_000L + 59_999)).isEqualTo(t);
        assertThat(Bucket.startOf(t - 1)).isEqualTo(t - Bucket.MILLIS);
    }

    @Test
    void splitsAnHourIntoFourQuarterHoursAndHalfAnHourIntoTwo() {
        assertThat(Bucket.quarters(60)).isEqualTo(4);
        assertThat(Bucket.quarters(30)).isEqualTo(2);
        assertThat(Bucket.quarters(15)).isEqualTo(1);
    }

    @Test
    void sharesAlwaysAddUpToTheTotalExactly() {
        long total = Bucket.microKwh(1.001);
        long sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += Bucket.share(total, 4, i);
        }
        assertThat(sum).isEqualTo(total);
        assertThat(Bucket.share(total, 4, 0)).isEqualTo(250_250);
        assertThat(
                        Bucket.share(-7, 4, 0)
                                + Bucket.share(-7, 4, 1)
                                + Bucket.share(-7, 4, 2)
                                + Bucket.share(-7, 4, 3))
                .isEqualTo(-7);
        // one piece is the whole, whatever its sign
        assertThat(Bucket.share(1_001_000, 1, 0)).isEqualTo(1_001_000);
        assertThat(Bucket.share(-7, 1, 0)).isEqualTo(-7);
        assertThat(Bucket.share(0, 1, 0)).isZero();
    }

    @Test
    void sumsInMicroKwhDoNotDependOnOrder() {
        double[] kwh = {0.1, 0.2, 0.3, 11.862, 0.007};
        long forward = 0;
        long backward = 0;
        for (int i = 0; i < kwh.length; i++) {
            forward += Bucket.microKwh(kwh[i]);
            backward += Bucket.microKwh(kwh[kwh.length - 1 - i]);
        }
        assertThat(forward).isEqualTo(backward);
        assertThat(Bucket.kwhOf(forward)).isEqualTo(12.469);
    }
}
