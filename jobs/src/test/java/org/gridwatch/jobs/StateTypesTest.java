package org.gridwatch.jobs;

import org.apache.flink.types.PojoTestUtils;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.meter.CoveredQuarters;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.jobs.ops.EnergyTotal;
import org.gridwatch.jobs.ops.IngestCount;
import org.gridwatch.jobs.ops.IngestTotals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every type that crosses the network or sits in state is a POJO to Flink: no silent Kryo. */
class StateTypesTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                Customer.class,
                MeterReading.class,
                AreaReading.class,
                Payment.class,
                Inspection.class,
                Rejected.class,
                MeteredReading.class,
                CoveredQuarters.class,
                MetricPoint.class,
                EnergyTotal.class,
                org.gridwatch.core.billing.MonthlyUsage.class,
                org.gridwatch.core.billing.ReadingGaps.class,
                org.gridwatch.core.billing.ReadingHistory.class,
                org.gridwatch.core.billing.CustomerLedger.class,
                org.gridwatch.core.value.CreditRecord.class,
                org.gridwatch.core.event.Bill.class,
                org.gridwatch.jobs.ops.QuarterLoad.class,
                org.gridwatch.jobs.ops.LoadTotal.class,
                org.gridwatch.jobs.ops.LoadDay.class,
                org.gridwatch.jobs.ops.ShadowFeed.class,
                org.gridwatch.core.whatif.ShadowDay.class,
                IngestCount.class,
                IngestTotals.class,
                org.gridwatch.core.value.CustomerAccount.class,
                org.gridwatch.core.value.ValueHistory.class,
                org.gridwatch.core.value.CustomerStanding.class,
                org.gridwatch.core.value.SegmentRule.class,
                org.gridwatch.core.value.SegmentTally.class,
                org.gridwatch.core.event.SegmentChange.class,
                org.gridwatch.jobs.ops.AccountEvent.class,
                org.gridwatch.jobs.ops.MeterAssignment.class,
                org.gridwatch.jobs.ops.CustomerFeed.class,
                org.gridwatch.core.event.MasterChange.class,
                org.gridwatch.jobs.io.AlertLine.class,
                org.gridwatch.jobs.io.AlertVersion.class,
                org.gridwatch.jobs.io.AlertTally.class,
                org.gridwatch.core.reliability.CustomerOutages.class,
                org.gridwatch.core.reliability.CustomerInterruption.class,
                org.gridwatch.core.reliability.ReliabilityLedger.class,
                org.gridwatch.core.reliability.SupplyReliabilityCase.class,
                org.gridwatch.jobs.ops.ServedChange.class,
                org.gridwatch.jobs.ops.ReliabilityDelta.class,
                org.gridwatch.jobs.ops.Billing.class,
                org.gridwatch.jobs.ops.RangeValue.class,
                org.gridwatch.jobs.ops.RangeCount.class,
                org.gridwatch.jobs.ops.RangeStart.class,
                org.gridwatch.jobs.ops.MonthFindings.class,
                org.gridwatch.core.value.RangeFindings.class,
                org.gridwatch.core.value.FleetFigures.class,
                org.gridwatch.jobs.ops.ValueInput.class,
                org.gridwatch.jobs.ops.TallyChange.class,
                org.gridwatch.jobs.ops.TallyDelta.class,
                org.gridwatch.jobs.ops.AreaTally.class
            })
    void isSerializedAsAPojo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }
}
