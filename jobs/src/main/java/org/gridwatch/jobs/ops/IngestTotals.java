package org.gridwatch.jobs.ops;

import org.gridwatch.core.event.RejectReason;

/** Records of one input stream in one bucket. A Flink POJO. */
public final class IngestTotals {
    public long records;
    public long late;

    /** Rejections by {@link RejectReason} ordinal. */
    public long[] rejected = new long[RejectReason.values().length];

    public IngestTotals() {}

    void add(IngestCount c) {
        records += c.records();
        late += c.late();
        if (c.reason() != null) {
            if (rejected.length <= c.reason().ordinal()) {
                rejected = java.util.Arrays.copyOf(rejected, RejectReason.values().length);
            }
            rejected[c.reason().ordinal()] += c.rejections();
        }
    }

    void merge(IngestTotals other) {
        records += other.records;
        late += other.late;
        for (int i = 0; i < other.rejected.length; i++) {
            if (rejected.length <= i) {
                rejected = java.util.Arrays.copyOf(rejected, other.rejected.length);
            }
            rejected[i] += other.rejected[i];
        }
    }

    long rejectedTotal() {
        long sum = 0;
        for (long n : rejected) {
            sum += n;
        }
        return sum;
    }
}
