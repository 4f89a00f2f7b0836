package org.gridwatch.simulator;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A .jsonl file written line by line, UTF-8, through a large buffer; replaced if it exists. */
final class LineFile implements Closeable {
    private static final int BUFFER_CHARS = 1 << 20;

    private final Writer out;

    LineFile(Path file) throws IOException {
        out =
                new BufferedWriter(
                        new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                        BUFFER_CHARS);
    }

    void write(String line) throws IOException {
        out.write(line);
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
