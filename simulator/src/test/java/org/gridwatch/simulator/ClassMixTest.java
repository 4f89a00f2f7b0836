package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.gridwatch.core.event.CustomerClass;
import org.junit.jupiter.api.Test;

class ClassMixTest {

    @Test
    void dealsExactlyTheSharesWhenTheyComeOutWhole() {
        int[] counts = ClassMix.RESIDENTIAL_HEAVY.counts(1000);
        assertThat(counts).containsExactly(800, 80, 40, 10, 30, 20, 20);
    }

    @Test
    void givesEveryClassAtLeastOneCustomerOnceThereAreEnough() {
        for (int n = 7; n < 200; n++) {
            int[] counts = ClassMix.RESIDENTIAL_HEAVY.counts(n);
            assertThat(Arrays.stream(counts).sum()).as("n=%d", n).isEqualTo(n);
            assertThat(counts).as("n=%d", n).doesNotContain(0);
        }
    }

    @Test
    void dealsAllCustomersEvenToFewerThanTheClasses() {
        int[] counts = ClassMix.RESIDENTIAL_HEAVY.counts(3);
        assertThat(Arrays.stream(counts).sum()).isEqualTo(3);
        assertThat(counts[CustomerClass.RESIDENTIAL.ordinal()]).isPositive();
    }

    @Test
    void leavesOutClassesWithoutAShare() {
        ClassMix households = new ClassMix(Map.of(CustomerClass.RESIDENTIAL, 1.0));
        assertThat(households.counts(50)).containsExactly(50, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void rejectsANegativeShare() {
        assertThatThrownBy(() -> new ClassMix(Map.of(CustomerClass.RESIDENTIAL, -0.1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
