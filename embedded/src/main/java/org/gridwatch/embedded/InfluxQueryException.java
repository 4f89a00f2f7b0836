package org.gridwatch.embedded;

/** InfluxDB refused a query or a command, or could not be reached; the message says which. */
public final class InfluxQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InfluxQueryException(String message) {
        super(message);
    }

    public InfluxQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
