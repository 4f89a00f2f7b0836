package org.gridwatch.core.event;

/** The output streams of the contract: each is a Kafka topic and, in a file replay, a file. */
public enum Output {
    ALERTS("alerts", "alerts.jsonl"),
    SEGMENTS("customer-segments", "segments.jsonl"),
    BILLS("bills", "bills.jsonl"),
    REJECTED("rejected", "rejected.jsonl"),
    /** Beside the contract's outputs: every customer's theft score ({@link TheftScore}). */
    THEFT_SCORES("theft-scores", "theft-scores.jsonl");

    private final String topic;
    private final String fileName;

    Output(String topic, String fileName) {
        this.topic = topic;
        this.fileName = fileName;
    }

    public String topic() {
        return topic;
    }

    public String fileName() {
        return fileName;
    }
}
