package org.gridwatch.jobs.ops;

/**
 * One task's load of an area and class in one quarter hour since its last watermark ({@link
 * LoadPartials}), for {@link LoadBuckets}. A Flink POJO.
 */
public final class LoadPartial {
    /** The series: area and class, as {@link LoadBuckets#key}. */
    public String key;

    public long quarterStart;
    public LoadTotal total;

    public LoadPartial() {}

    LoadPartial(String key, long quarterStart, LoadTotal total) {
        this.key = key;
        this.quarterStart = quarterStart;
        this.total = total;
    }

    public String key() {
        return key;
    }
}
