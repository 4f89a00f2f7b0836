package org.gridwatch.jobs;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster the jobs' tests run on: one TaskManager with two slots (parallelism 2). */
public final class LocalCluster {
    private LocalCluster() {}

    /** For {@code @RegisterExtension static final MiniClusterExtension FLINK = ...}. */
    public static MiniClusterExtension twoSlots() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }
}
