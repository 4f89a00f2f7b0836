package org.gridwatch.jobs.io;

/** Alert versions of one type, area and severity in one 15-minute bucket. A Flink POJO. */
public final class AlertTally {
    public long raised;
    public long updated;
    public long closed;

    public AlertTally() {}

    void add(String status) {
        switch (status) {
            case "OPEN" -> raised++;
            case "UPDATED" -> updated++;
            case "CLOSED" -> closed++;
            default -> throw new IllegalArgumentException("alert status " + status);
        }
    }
}
