package org.gridwatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One of a replay's output files ({@code alerts.jsonl}, {@code segments.jsonl}) read for a terminal
 * list: each non-blank line to {@code record}; a line it refuses stops the reading with the file,
 * the line number and what it is not.
 */
final class RecordFile {

    private RecordFile() {}

    /**
     * @param what what every line should be, for the error: "an alert", "a segment record"
     * @param record takes one line; throws IllegalArgumentException if it is not one
     */
    static void read(Path file, String what, Consumer<String> record) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    record.accept(line);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            file + " line " + number + " is not " + what + ": " + e.getMessage());
                }
            }
        }
    }
}
