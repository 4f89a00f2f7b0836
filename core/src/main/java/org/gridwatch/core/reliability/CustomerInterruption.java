package org.gridwatch.core.reliability;

/**
 * One interruption of supply to one customer, all its meters together ({@link CustomerOutages}), as
 * the monitor job emits it: with the customer's area and segment when it ended
 * (docs/supply-reliability.md). A Flink POJO.
 *
 * @param segment the customer's segment when the interruption was emitted, or {@link
 *     ReliabilityLedger#NO_SEGMENT} before its first valuation
 */
public record CustomerInterruption(
        String customerId, String areaId, String segment, long startMillis, long endMillis) {

    public Interruption interruption() {
        return new Interruption(startMillis, endMillis);
    }

    public double minutes() {
        return interruption().minutes();
    }

    public boolean sustained() {
        return interruption().sustained();
    }
}
