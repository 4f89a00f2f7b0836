package org.gridwatch.it.grafana;

/**
 * What one dashboard query returned from InfluxDB.
 *
 * @param source the panel title, or "variable NAME" for a template variable's query
 * @param refId the target's refId; "-" for a variable
 * @param query the statement as sent, after interpolation; the dashboard's text if that failed
 * @param series how many series came back
 * @param rows how many rows in all series
 * @param error why it failed (interpolation or InfluxDB), or null
 */
public record QueryOutcome(
        String dashboard,
        String source,
        String refId,
        String query,
        int series,
        int rows,
        String error) {

    public boolean failed() {
        return error != null;
    }

    public boolean hasRows() {
        return error == null && rows > 0;
    }

    /** One line for a test failure or a log: which query, and what it gave. */
    public String describe() {
        String result = failed() ? "FAILED: " + error : rows + " rows in " + series + " series";
        return dashboard + " / " + source + " / " + refId + ": " + result + "\n    " + query;
    }

    @Override
    public String toString() {
        return describe();
    }
}
