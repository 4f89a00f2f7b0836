package org.gridwatch.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary folders that hold a server's data for as long as the server runs, or a test run's files
 * for as long as its JVM runs.
 */
public final class ScratchFolder {

    private static final Logger LOG = LoggerFactory.getLogger(ScratchFolder.class);

    /** The folders {@link #deletedAtExit} made, deleted by one shutdown hook; null before any. */
    private static List<Path> atExit;

    private ScratchFolder() {}

    /**
     * A new temporary folder, deleted with all it holds when the JVM exits: for what a test JVM
     * shares between its tests (a simulated fleet and its replay, checkpoints), which no single
     * test can delete and which would otherwise stay in the temporary folder after every run.
     */
    public static synchronized Path deletedAtExit(String prefix) {
        Path folder = create(prefix);
        if (atExit == null) {
            atExit = new ArrayList<>();
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(ScratchFolder::deleteAtExit, "delete temporary folders"));
        }
        atExit.add(folder);
        return folder;
    }

    private static void deleteAtExit() {
        List<Path> folders;
        synchronized (ScratchFolder.class) {
            folders = new ArrayList<>(atExit);
        }
        folders.forEach(ScratchFolder::delete);
    }

    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary folder " + prefix, e);
        }
    }

    /**
     * Deletes the folder and all it holds. Never throws: a leftover temp folder is not worth
     * failing a shutdown for, so it is only logged. Another process may be deleting the same files
     * at the same time (influxd's watchdog does), hence the retries.
     */
    static void delete(Path folder) {
        for (int attempt = 1; Files.exists(folder); attempt++) {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(ScratchFolder::deleteOne);
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 3) {
                    LOG.warn("Could not delete {}", folder, e);
                    return;
                }
            }
        }
    }

    private static void deleteOne(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
