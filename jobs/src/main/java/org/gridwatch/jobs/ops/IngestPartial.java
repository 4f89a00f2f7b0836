package org.gridwatch.jobs.ops;

/**
 * What one shard of a source counted in a quarter hour since it last said ({@link IngestPartials}):
 * added up per source by {@link IngestBuckets}.
 */
public record IngestPartial(String source, long bucketStart, IngestTotals totals) {}
