package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridwatch.core.event.RejectReason;
import org.junit.jupiter.api.Test;

/** The ingest counts' partial and its merge ({@link IngestPartials} → {@link IngestBuckets}). */
class IngestTotalsTest {

    @Test
    void partialsAddUpRecordByRecord() {
        IngestTotals a = new IngestTotals();
        a.add(new IngestCount("meter-readings", 1, 1, 0, null));
        a.add(new IngestCount("meter-readings", 1, 1, 1, null));
        a.add(new IngestCount("meter-readings", 1, 1, 0, RejectReason.NOT_JSON));
        IngestTotals b = new IngestTotals();
        b.add(new IngestCount("meter-readings", 1, 1, 0, RejectReason.DUPLICATE));
        b.add(new IngestCount("meter-readings", 1, 0, 0, RejectReason.DUPLICATE));

        a.merge(b);

        // 3 + 1 read (the later rejection counts no record), 1 late, 1 + 2 rejected
        assertThat(a.records).isEqualTo(4);
        assertThat(a.late).isEqualTo(1);
        assertThat(a.rejectedTotal()).isEqualTo(3);
        assertThat(a.rejected[RejectReason.NOT_JSON.ordinal()]).isEqualTo(1);
        assertThat(a.rejected[RejectReason.DUPLICATE.ordinal()]).isEqualTo(2);
    }

    @Test
    void aPartialFromAnOlderVersionWithFewerReasonsMergesIn() {
        IngestTotals shorter = new IngestTotals();
        shorter.rejected = new long[] {2};
        IngestTotals whole = new IngestTotals();
        whole.rejected = new long[] {1};

        whole.merge(shorter);

        assertThat(whole.rejected).containsExactly(3);
        assertThat(whole.rejectedTotal()).isEqualTo(3);
    }
}
