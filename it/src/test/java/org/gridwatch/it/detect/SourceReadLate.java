package org.gridwatch.it.detect;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.core.event.Source;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.io.Arrival;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.jobs.io.MonitorInputs;
import org.gridwatch.jobs.ops.InputKind;

/**
 * A replay folder one of whose inputs is read late: its first record waits until {@code
 * readingsFirst} readings have left their source, as a topic that a consumer reaches after the
 * readings' would (or a task that starts late on a busy machine). The job's event time waits for
 * it, while the readings' runs on.
 *
 * <p>Blocks a source task, so it is for a job without checkpoints: an aligned checkpoint's barrier
 * would wait on the blocked master and stop the readings too. One job at a time per JVM (the count
 * is static: the MiniCluster runs in this JVM and the functions are serialized copies).
 */
final class SourceReadLate implements MonitorInputs {
    private static final long serialVersionUID = 1L;
    private static final long WAIT_AT_MOST_MILLIS = 120_000;

    static final AtomicLong READINGS_OUT = new AtomicLong();
    static final AtomicLong READINGS_BEFORE_IT = new AtomicLong(-1);
    private static volatile boolean readingsEnded;

    private final FileInputs files;
    private final Source late;
    private final long readingsFirst;

    SourceReadLate(FileInputs files, Source late, long readingsFirst) {
        if (late == Source.METER_READINGS) {
            throw new IllegalArgumentException("the readings are what the late input waits for");
        }
        this.files = files;
        this.late = late;
        this.readingsFirst = readingsFirst;
        READINGS_OUT.set(0);
        READINGS_BEFORE_IT.set(-1);
        readingsEnded = false;
    }

    @Override
    public java.util.List<String> fixedScenarioRecords() {
        return files.fixedScenarioRecords();
    }

    @Override
    public <T> Optional<DataStream<Arrival<T>>> open(
            StreamExecutionEnvironment env, InputKind<T> kind, MonitorSettings settings) {
        Optional<DataStream<Arrival<T>>> opened = files.open(env, kind, settings);
        if (kind.source() == late) {
            return opened.map(
                    s -> s.map(new AwaitReadings<T>(readingsFirst)).returns(kind.arrivalType()));
        }
        if (kind.source() == Source.METER_READINGS) {
            return opened.map(s -> s.map(new CountReadings<T>()).returns(kind.arrivalType()));
        }
        return opened;
    }

    private static final class CountReadings<T> extends RichMapFunction<Arrival<T>, Arrival<T>> {
        private static final long serialVersionUID = 1L;

        private boolean any;

        @Override
        public Arrival<T> map(Arrival<T> a) {
            any = true;
            READINGS_OUT.incrementAndGet();
            return a;
        }

        @Override
        public void close() {
            if (any) { // not the task that was given no file to read
                readingsEnded = true;
            }
        }
    }

    private static final class AwaitReadings<T> implements MapFunction<Arrival<T>, Arrival<T>> {
        private static final long serialVersionUID = 1L;
        private final long readingsFirst;
        private boolean waited;

        AwaitReadings(long readingsFirst) {
            this.readingsFirst = readingsFirst;
        }

        @Override
        public Arrival<T> map(Arrival<T> a) throws Exception {
            if (!waited) {
                long giveUpAt = System.currentTimeMillis() + WAIT_AT_MOST_MILLIS;
                while (READINGS_OUT.get() < readingsFirst && !readingsEnded) {
                    if (System.currentTimeMillis() > giveUpAt) {
                        throw new IllegalStateException(
                                "the readings did not reach "
                                        + readingsFirst
                                        + " in "
                                        + WAIT_AT_MOST_MILLIS
                                        + " ms ("
                                        + READINGS_OUT.get()
                                        + ")");
                    }
                    Thread.sleep(5);
                }
                READINGS_BEFORE_IT.compareAndSet(-1, READINGS_OUT.get());
                waited = true;
            }
            return a;
        }
    }
}
