package org.gridwatch.core.event;

/** The input streams of the contract: each is a Kafka topic and a file of the same records. */
public enum Source {
    CUSTOMERS("customers", "customers.jsonl"),
    METER_READINGS("meter-readings", "readings.jsonl"),
    AREA_READINGS("area-readings", "area-readings.jsonl"),
    PAYMENTS("payments", "payments.jsonl"),
    INSPECTIONS("inspections", "inspections.jsonl"),
    /** Live what-if scenarios for the monitor's shadow prices (docs/whatif.md). */
    TARIFF_SCENARIOS("tariff-scenarios", "tariff-scenarios.jsonl");

    private final String topic;
    private final String fileName;

    Source(String topic, String fileName) {
        this.topic = topic;
        this.fileName = fileName;
    }

    public String topic() {
        return topic;
    }

    public String fileName() {
        return fileName;
    }

    public static Source ofTopic(String topic) {
        for (Source s : values()) {
            if (s.topic.equals(topic)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not an input topic: " + topic);
    }
}
