package org.gridwatch.jobs.ops;

/** A change of the system's metered energy in one quarter hour, micro-kWh. */
public record QuarterLoad(long bucketStart, long deltaMicroKwh) {}
