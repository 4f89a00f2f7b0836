package org.gridwatch.jobs.ops;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * A two-phase aggregation under test: the first phase's output goes to the second before each
 * watermark does, as between two operators of the job.
 */
final class TwoPhases<IN, MID, OUT> {
    final KeyedOneInputStreamOperatorTestHarness<String, IN, MID> first;
    final KeyedOneInputStreamOperatorTestHarness<String, MID, OUT> second;
    private int forwarded;

    TwoPhases(
            KeyedProcessFunction<String, IN, MID> firstPhase,
            KeySelector<IN, String> firstKey,
            KeyedProcessFunction<String, MID, OUT> secondPhase,
            KeySelector<MID, String> secondKey)
            throws Exception {
        first =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        firstPhase, firstKey, Types.STRING);
        second =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        secondPhase, secondKey, Types.STRING);
    }

    void add(IN in, long timestamp) throws Exception {
        first.processElement(in, timestamp);
    }

    void watermark(long w) throws Exception {
        first.processWatermark(w);
        List<StreamRecord<? extends MID>> sent = first.extractOutputStreamRecords();
        for (int i = forwarded; i < sent.size(); i++) {
            second.processElement(sent.get(i).getValue(), sent.get(i).getTimestamp());
        }
        forwarded = sent.size();
        second.processWatermark(w);
    }

    /** What the first phase sent on so far. */
    List<MID> partials() {
        return first.extractOutputValues();
    }

    List<OUT> output() {
        return second.extractOutputValues();
    }

    int keyedStateEntries() {
        return first.numKeyedStateEntries() + second.numKeyedStateEntries();
    }

    int eventTimeTimers() {
        return first.numEventTimeTimers() + second.numEventTimeTimers();
    }
}
