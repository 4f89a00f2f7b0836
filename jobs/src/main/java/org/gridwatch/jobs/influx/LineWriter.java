package org.gridwatch.jobs.influx;

import java.util.List;

/** Sends one batch of line-protocol points; throws when the server did not take them. */
interface LineWriter extends AutoCloseable {

    void write(List<String> lines) throws WriteFailure;

    @Override
    void close();

    /**
     * @param retryable whether trying again can help (unreachable, overloaded) or not (a field type
     *     conflict, bad credentials)
     */
    final class WriteFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean retryable;

        WriteFailure(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }
    }
}
