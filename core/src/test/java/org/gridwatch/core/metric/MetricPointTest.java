package org.gridwatch.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricPointTest {

    @Test
    void writesInfluxLineProtocolWithMillisecondTimestamp() {
        MetricPoint p =
                MetricPoint.of("load")
                        .tag("area", "A001")
                        .tag("class", "RESIDENTIAL")
                        .field("kwh", 1.25)
                        .field("kw", 5.0)
                        .field("readings", 3L)
                        .at(1_768_435_200_000L);

        assertThat(p.toLineProtocol())
                .isEqualTo(
                        "load,area=A001,class=RESIDENTIAL kwh=1.25,kw=5.0,readings=3i 1768435200000");
        assertThat(p.tag("class")).isEqualTo("RESIDENTIAL");
        assertThat(p.field("readings")).isEqualTo(3.0);
        assertThat(p.field("missing")).isNaN();
    }

    @Test
    void escapesSpacesCommasAndEqualsSignsInTagValues() {
        MetricPoint p =
                MetricPoint.of("rejected").tag("source", "a b,c=d").field("count", 1L).at(0);
        assertThat(p.toLineProtocol()).isEqualTo("rejected,source=a\\ b\\,c\\=d count=1i 0");
    }

    @Test
    void refusesTagsOutOfOrderAndNonFiniteFields() {
        assertThatThrownBy(() -> MetricPoint.of("m").tag("b", "1").tag("a", "2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricPoint.of("m").field("kwh", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricPoint.of("m").at(0))
                .isInstanceOf(IllegalStateException.class);
    }
}
