package org.gridwatch.core.event;

/**
 * An input record that was not used, with the reason (topic {@code rejected}).
 *
 * @param source the input topic the record came from
 * @param eventMillis the event time the rejection is counted at: the record's own timestamp when it
 *     has a usable one, else that of the record read before it from the same stream (so that
 *     rejection counts land in the right 15 minutes of the dashboards); not part of the JSON
 */
public record Rejected(
        String source, RejectReason reason, String detail, String raw, long eventMillis) {}
