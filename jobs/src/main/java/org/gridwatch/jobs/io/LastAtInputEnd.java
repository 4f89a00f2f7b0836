package org.gridwatch.jobs.io;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Keeps one record a key, each as its state {@code S}, and emits every key's when the input ends,
 * stamped at the end of time: what a replay writes once per customer ({@link LastPerCustomer},
 * {@link LastTheftScore}). On an unbounded input nothing is emitted.
 *
 * <p>The end of the input visits every key's state. Each customer's timer at the end of time did
 * the same before (until c6b0c1d), at 80 B of heap a customer (docs/benchmarks.md, session 44). A
 * savepoint of such a release restores those timers without harm: nothing here asks for its timers,
 * so they never fire, and every key's state is emitted at the end as any other.
 *
 * @param <T> the records, in and out
 * @param <S> what is kept of a key's record
 */
abstract class LastAtInputEnd<T, S> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private transient ValueStateDescriptor<S> descriptor;

    /** The current key's kept record. */
    protected transient ValueState<S> kept;

    /** The state each key's record is kept in, made anew for each task. */
    protected abstract ValueStateDescriptor<S> keptState();

    /** The record {@code state} keeps for {@code key}. */
    protected abstract T record(S state, String key) throws Exception;

    @Override
    public void open() throws Exception {
        super.open();
        descriptor = keptState();
        kept = getPartitionedState(descriptor);
    }

    /** The current key, an id (every user is keyed by customer). */
    protected final String key() {
        return (String) getCurrentKey();
    }

    @Override
    public void endInput() throws Exception {
        emitEach(descriptor, this::record);
    }

    /** A key's record read from a state other than {@link #keptState}. */
    protected interface Reader<V, T> {
        T record(V state, String key) throws Exception;
    }

    /** Emits the record of every key that has {@code state}, read by {@code reader}. */
    protected final <V> void emitEach(ValueStateDescriptor<V> state, Reader<V, T> reader)
            throws Exception {
        getKeyedStateBackend()
                .applyToAllKeys(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        state,
                        (key, value) -> {
                            V v = value.value();
                            if (v != null) {
                                output.collect(
                                        new StreamRecord<>(
                                                reader.record(v, (String) key), Long.MAX_VALUE));
                            }
                        });
    }
}
