package org.gridwatch.jobs.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class SharedIdSerializerTest {

    /** Keeps the last word per key and, at its timer, says the key and the word. */
    static final class LastWord extends KeyedProcessFunction<String, String[], String[]> {
        private transient ValueState<String> word;

        @Override
        public void open(OpenContext openContext) {
            word = getRuntimeContext().getState(new ValueStateDescriptor<>("word", Types.STRING));
        }

        @Override
        public void processElement(String[] idAndWord, Context ctx, Collector<String[]> out)
                throws Exception {
            word.update(idAndWord[1]);
            ctx.timerService().registerEventTimeTimer(100);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<String[]> out)
                throws Exception {
            out.collect(new String[] {ctx.getCurrentKey(), word.value()});
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, String[], String[]> harness(
            TypeInformation<String> keyType) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new LastWord()), r -> r[0], keyType);
    }

    /** What a harness keyed by {@code written} checkpoints, restored with the ids' key type. */
    private static List<String[]> restoredFrom(TypeInformation<String> written) throws Exception {
        var before = harness(written);
        before.open();
        before.processElement(new String[] {new String("C-9001"), "bill"}, 1);
        before.processElement(new String[] {new String("C-9002"), "pay"}, 2);
        OperatorSubtaskState checkpoint = before.snapshot(1, 3);
        before.close();

        var after = harness(SharedIds.KEY);
        after.initializeState(checkpoint);
        after.open();
        after.processWatermark(new Watermark(200));
        List<String[]> said = after.extractOutputValues();
        after.close();
        return said;
    }

    @Test
    void aCheckpointKeyedByTheIdsRestoresWithEveryKeyTheSharedCopy() throws Exception {
        List<String[]> said = restoredFrom(SharedIds.KEY);

        assertThat(said)
                .extracting(s -> s[0] + "=" + s[1])
                .containsExactlyInAnyOrder("C-9001=bill", "C-9002=pay");
        for (String[] keyAndWord : said) {
            // the timer's key, read back from the checkpoint, is the copy every operator shares
            assertThat(keyAndWord[0]).isSameAs(SharedIds.shared(new String(keyAndWord[0])));
        }
    }

    @Test
    void aCheckpointKeyedByFlinksStringsRestoresAsItWas() throws Exception {
        // written before the ids' key type: its keys are read with the serializer that wrote them
        // (Flink's), so they are shared only from the next checkpoint on
        assertThat(restoredFrom(Types.STRING))
                .extracting(s -> s[0] + "=" + s[1])
                .containsExactlyInAnyOrder("C-9001=bill", "C-9002=pay");
    }

    @Test
    void writesWhatFlinksStringSerializerWritesAndReadsItBackShared() throws Exception {
        ByteArrayOutputStream flinks = new ByteArrayOutputStream();
        StringSerializer.INSTANCE.serialize("M-9003", new DataOutputViewStreamWrapper(flinks));
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        SharedIdSerializer.INSTANCE.serialize("M-9003", new DataOutputViewStreamWrapper(ours));

        assertThat(ours.toByteArray()).isEqualTo(flinks.toByteArray());
        String once = read(flinks.toByteArray());
        String twice = read(flinks.toByteArray());
        assertThat(once).isEqualTo("M-9003").isSameAs(twice);
    }

    @Test
    void restoresWhatItOrFlinksStringSerializerWroteAndNothingElse() {
        var ours = SharedIdSerializer.INSTANCE.snapshotConfiguration();

        assertThat(
                        ours.resolveSchemaCompatibility(
                                        StringSerializer.INSTANCE.snapshotConfiguration())
                                .isCompatibleAsIs())
                .isTrue();
        assertThat(ours.resolveSchemaCompatibility(ours).isCompatibleAsIs()).isTrue();
        assertThat(ours.resolveSchemaCompatibility(longsAsStrings()).isIncompatible()).isTrue();
    }

    /** A snapshot of another type's serializer, as a checkpoint of a changed job would hold. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypeSerializerSnapshot<String> longsAsStrings() {
        return (TypeSerializerSnapshot) LongSerializer.INSTANCE.snapshotConfiguration();
    }

    private static String read(byte[] bytes) throws Exception {
        return SharedIdSerializer.INSTANCE.deserialize(
                new DataInputViewStreamWrapper(new ByteArrayInputStream(bytes)));
    }
}
