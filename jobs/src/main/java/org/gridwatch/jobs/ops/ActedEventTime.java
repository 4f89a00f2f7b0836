package org.gridwatch.jobs.ops;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * The event time an operator has acted on, kept in its checkpoints.
 *
 * <p>Flink does not checkpoint watermarks: after a restore, event time starts again from nothing
 * and climbs as the sources re-read from their checkpointed offsets. An operator that closed a
 * quarter hour or billed a month before the failure must not take a replayed record for it as on
 * time (the bucket would reopen and overwrite its final point with a partial one). So operators
 * that judge records by event time ask {@link #now} instead of the bare watermark: the watermark,
 * but never below the highest one seen before the last checkpoint.
 *
 * <p>Kept as union list state and restored as the highest of all subtasks' values. With aligned
 * checkpoints (Flink's default, which the job keeps) every subtask of a keyed operator has seen the
 * same watermarks when the barrier passes, so the highest is no later than any subtask's own
 * watermark at the checkpoint: nothing the original run would still have taken is refused.
 */
public final class ActedEventTime implements Serializable {

    /**
     * An operator that judges by {@link ActedEventTime}: implementing this keeps it in the
     * operator's checkpoints.
     */
    public interface User extends CheckpointedFunction {
        ActedEventTime actedEventTime();

        @Override
        default void initializeState(FunctionInitializationContext context) throws Exception {
            actedEventTime().initialize(context);
        }

        @Override
        default void snapshotState(FunctionSnapshotContext context) throws Exception {
            actedEventTime().snapshot();
        }
    }

    private static final long serialVersionUID = 1L;

    private transient ListState<Long> checkpointed;
    private long restored = Long.MIN_VALUE;
    private long acted = Long.MIN_VALUE;

    /** Call from {@code CheckpointedFunction.initializeState}. */
    public void initialize(FunctionInitializationContext context) throws Exception {
        checkpointed =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>("acted-event-time", Types.LONG));
        restored = Long.MIN_VALUE;
        if (context.isRestored()) {
            for (Long w : checkpointed.get()) {
                restored = Math.max(restored, w);
            }
        }
        acted = restored;
    }

    /** Call from {@code CheckpointedFunction.snapshotState}. */
    public void snapshot() throws Exception {
        checkpointed.update(List.of(acted));
    }

    /** Event time now: the watermark, or what was acted on before a restore if that is later. */
    public long now(TimerService timers) {
        return now(timers.currentWatermark());
    }

    /** Event time now, for an operator that follows the watermark itself. */
    public long now(long watermark) {
        long w = Math.max(restored, watermark);
        if (w > acted) {
            acted = w;
        }
        return w;
    }
}
