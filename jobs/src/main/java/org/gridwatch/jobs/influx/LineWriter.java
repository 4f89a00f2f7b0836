package org.gridwatch.jobs.influx;

import java.util.List;

/** Sends one batch of line-protocol points; throws when the server did not take them all. */
interface LineWriter extends AutoCloseable {

    void write(List<String> lines) throws WriteFailure;

    @Override
    void close();

    /**
     * @param retryable whether trying again can help (unreachable, overloaded, a server error) or
     *     not (a field type conflict, points beyond the retention policy, bad credentials)
     * @param refusal for a failure that is not retryable: its kind, e.g. {@code
     *     FIELD_TYPE_CONFLICT}, for counting and for logging once per kind
     * @param refusedPoints how many points of the batch the server refused when it said so (a
     *     partial write: it kept the others); -1 when it refused the whole batch
     */
    final class WriteFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean retryable;
        final String refusal;
        final int refusedPoints;

        private WriteFailure(
                String message,
                boolean retryable,
                String refusal,
                int refusedPoints,
                Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
            this.refusal = refusal;
            this.refusedPoints = refusedPoints;
        }

        static WriteFailure unreachable(String message, Throwable cause) {
            return new WriteFailure(message, true, null, -1, cause);
        }

        static WriteFailure refused(
                String refusal, int refusedPoints, String message, Throwable cause) {
            return new WriteFailure(message, false, refusal, refusedPoints, cause);
        }
    }
}
