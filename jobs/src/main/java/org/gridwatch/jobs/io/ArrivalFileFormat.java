package org.gridwatch.jobs.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.gridwatch.core.time.StreamProgress.Witness;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.ops.InputKind;

/**
 * A .jsonl file of one input, read line by line, each line parsed and judged against the file's own
 * progress with the next {@link MonitorSettings#lookAheadRecords()} lines as witnesses (see {@link
 * org.gridwatch.core.time.StreamProgress}). A file replay can look ahead where a live stream
 * cannot, so a fast meter clock is caught even on the first line.
 *
 * <p>Restoring from a checkpoint, Flink re-reads the file from its start and skips the records
 * emitted before it; the look-ahead and the progress are rebuilt on the way, so every record gets
 * the same verdict as before the failure.
 */
final class ArrivalFileFormat<T> extends SimpleStreamFormat<Arrival<T>> {
    private static final long serialVersionUID = 1L;

    private final InputKind<T> kind;
    private final MonitorSettings settings;

    ArrivalFileFormat(InputKind<T> kind, MonitorSettings settings) {
        this.kind = kind;
        this.settings = settings;
    }

    @Override
    public StreamFormat.Reader<Arrival<T>> createReader(
            Configuration config, FSDataInputStream stream) {
        return new Reader<>(
                new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)),
                new StreamIntake<>(kind, settings),
                settings.lookAheadRecords());
    }

    @Override
    public TypeInformation<Arrival<T>> getProducedType() {
        return kind.arrivalType();
    }

    private static final class Reader<T> implements StreamFormat.Reader<Arrival<T>> {
        private final BufferedReader lines;
        private final StreamIntake<T> intake;
        private final int lookAhead;
        // Parsed, not yet judged, oldest first from `head`; compacted as it is consumed.
        private final ArrayList<Arrival<T>> pending = new ArrayList<>();
        private int head;
        private boolean ended;

        Reader(BufferedReader lines, StreamIntake<T> intake, int lookAhead) {
            this.lines = lines;
            this.intake = intake;
            this.lookAhead = lookAhead;
        }

        @Override
        public Arrival<T> read() throws IOException {
            while (!ended && pending.size() - head <= lookAhead) {
                String line = lines.readLine();
                if (line == null) {
                    ended = true;
                } else {
                    pending.add(intake.parse(line));
                }
            }
            if (head == pending.size()) {
                return null;
            }
            Arrival<T> next = pending.get(head);
            pending.set(head++, null);
            if (head > lookAhead) {
                pending.subList(0, head).clear();
                head = 0;
            }
            return intake.judgeReplay(next, new Following());
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }

        /**
         * The timed records after the one being judged, as witnesses. A view: built only when a
         * record steps far enough ahead to need witnesses, which is rare.
         */
        private final class Following extends AbstractList<Witness> {
            private List<Witness> witnesses;

            private List<Witness> witnesses() {
                if (witnesses == null) {
                    witnesses = new ArrayList<>();
                    for (int i = head; i < pending.size(); i++) {
                        Witness w = intake.witness(pending.get(i));
                        if (w != null) {
                            witnesses.add(w);
                        }
                    }
                }
                return witnesses;
            }

            @Override
            public Witness get(int index) {
                return witnesses().get(index);
            }

            @Override
            public int size() {
                return witnesses().size();
            }
        }
    }
}
