package org.gridwatch.jobs.ops;

/**
 * A customer joined or left the customers served of an area and segment
 * (docs/supply-reliability.md): from {@link CustomerSupplyWatch} to {@link AreaReliability}. A POJO
 * for Flink.
 *
 * @param segment a segment name, or {@code NONE} for a customer not valued yet
 * @param delta +1 joined, -1 left
 */
public record ServedChange(String areaId, String segment, int delta) {}
