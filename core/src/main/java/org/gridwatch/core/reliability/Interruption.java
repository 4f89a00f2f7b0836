package org.gridwatch.core.reliability;

/**
 * One interruption of supply to one customer, as its meter reported it (docs/value.md, issue 10).
 *
 * @param startMillis when supply was lost (estimated: see {@link OutageTracker})
 * @param endMillis when it came back
 */
public record Interruption(long startMillis, long endMillis) {

    /** IEEE 1366-2012: an interruption longer than five minutes is sustained, else momentary. */
    public static final long SUSTAINED_MILLIS = 5 * 60_000L;

    public Interruption {
        if (endMillis < startMillis) {
            throw new IllegalArgumentException(
                    "an interruption cannot end before it starts: "
                            + startMillis
                            + " > "
                            + endMillis);
        }
    }

    public double minutes() {
        return (endMillis - startMillis) / 60_000.0;
    }

    public boolean sustained() {
        return endMillis - startMillis > SUSTAINED_MILLIS;
    }
}
