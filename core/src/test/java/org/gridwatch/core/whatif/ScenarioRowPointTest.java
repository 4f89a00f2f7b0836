package org.gridwatch.core.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gridwatch.core.metric.MetricPoint;
import org.junit.jupiter.api.Test;

class ScenarioRowPointTest {

    @Test
    void pointCarriesTheRowsGroupAndFiguresAtTheRunsStart() {
        double[] workday = new double[48];
        java.util.Arrays.fill(workday, 2.0);
        workday[36] = 4.0;
        ScenarioRow row =
                new ScenarioRow(
                        "cer",
                        "segment",
                        "MEDIUM",
                        3,
                        2,
                        100,
                        98,
                        10,
                        8,
                        50,
                        49,
                        -1.5,
                        -0.5,
                        0.25,
                        1.0 / 3,
                        0.4,
                        2,
                        new ScenarioRow.LoadShape(workday, new double[48]),
                        new ScenarioRow.LoadShape(workday, new double[48]),
                        new long[] {-150, -50, 25});

        MetricPoint point = row.point(1_234L);

        assertEquals("whatif", point.measurement());
        assertEquals("group=MEDIUM,group_kind=segment,scenario=cer", point.tags());
        assertEquals(1_234L, point.timeMillis());
        assertEquals(3, point.field("customers"));
        assertEquals(-2.0, point.field("revenue_change_pct"), 1e-12);
        assertEquals(-0.5, point.field("bill_change_p50"));
        assertEquals(1.0 / 3, point.field("share_paying_more"));
        assertEquals(4.0, point.field("system_peak_kw_before"));
        assertEquals(0.5, point.field("peak_valley_rate_after"));
    }
}
