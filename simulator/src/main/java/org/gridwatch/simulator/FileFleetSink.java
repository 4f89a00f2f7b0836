package org.gridwatch.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.gridwatch.core.event.Source;

/**
 * Writes a simulation as the contract's files in one folder: customers.jsonl, readings.jsonl,
 * area-readings.jsonl, payments.jsonl, inspections.jsonl and truth.jsonl. Existing files are
 * replaced. Every file is created, even when it stays empty, so a replay finds the set it expects.
 */
public final class FileFleetSink implements FleetSink {

    /** The name of the ground-truth file in the folder. */
    public static final String TRUTH_FILE = "truth.jsonl";

    private static final Source[] WRITTEN = {
        Source.CUSTOMERS,
        Source.METER_READINGS,
        Source.AREA_READINGS,
        Source.PAYMENTS,
        Source.INSPECTIONS
    };

    private final Map<Source, LineFile> files = new EnumMap<>(Source.class);
    private final LineFile truth;

    public FileFleetSink(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Source s : WRITTEN) {
            files.put(s, new LineFile(dir.resolve(s.fileName())));
        }
        truth = new LineFile(dir.resolve(TRUTH_FILE));
    }

    @Override
    public void input(Source source, String key, long eventMillis, String json) throws IOException {
        LineFile f = files.get(source);
        if (f == null) {
            throw new IllegalArgumentException("the simulator does not write " + source);
        }
        f.write(json);
    }

    @Override
    public void truth(String json) throws IOException {
        truth.write(json);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (LineFile f : files.values()) {
            first = closeKeepingFirst(f, first);
        }
        first = closeKeepingFirst(truth, first);
        if (first != null) {
            throw first;
        }
    }

    static IOException closeKeepingFirst(LineFile f, IOException first) {
        try {
            f.close();
        } catch (IOException e) {
            if (first == null) {
                return e;
            }
            first.addSuppressed(e);
        }
        return first;
    }
}
