package org.gridwatch.core.event;

/**
 * Why an input record was not used. One code per distinct fault, so that operations can count and
 * fix them separately. The {@code rejected} output and the {@code rejected} metric carry these
 * names; they are part of the contract: add codes, never rename one.
 */
public enum RejectReason {
    /** The record is not valid JSON. */
    NOT_JSON,
    /** Valid JSON, but not a JSON object (an array, a string, a number). */
    NOT_OBJECT,
    /** The record is longer than the configured maximum (a runaway or concatenated message). */
    TOO_LARGE,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type, e.g. {@code "kwh":"abc"} or {@code "prepaid":"yes"}. */
    WRONG_TYPE,
    /** An identifier is empty, too long or has characters outside [A-Za-z0-9_.:-]. */
    BAD_ID,
    /** A timestamp or date does not parse, has no UTC offset, or lies outside 2000..2100. */
    BAD_TIMESTAMP,
    /** {@code intervalMinutes} is not 15, 30 or 60. */
    BAD_INTERVAL,
    /** The interval end is not on a boundary of its interval (e.g. 08:07 for a 15-minute one). */
    MISALIGNED_TIMESTAMP,
    /** A number is NaN or infinite. */
    NON_FINITE,
    /** An energy value (kwh, registerKwh, exportKwh) is negative. */
    NEGATIVE_KWH,
    /** More energy in one interval than the connection could physically deliver. */
    IMPLAUSIBLE_KWH,
    /** A value outside its list: customer class, payment channel, meter event, outcome. */
    UNKNOWN_CODE,
    /** A payment amount that is zero, has more than two decimals, or is absurdly large. */
    BAD_AMOUNT,
    /** A contract capacity that is zero, negative or absurdly large. */
    BAD_CAPACITY,
    /** A reading from a meter that no customer in the master data has. */
    UNKNOWN_METER,
    /** The same meter and interval end was received before. */
    DUPLICATE,
    /** Older than the allowed lateness: the interval it belongs to was closed for good. */
    TOO_LATE,
    /**
     * Stamped further ahead than the configured tolerance: of the wall clock when reading Kafka
     * live, of the stream's own progress in a replay. A meter with a fast clock; never moves event
     * time.
     */
    FUTURE_TIMESTAMP,
    /**
     * Covers some quarter hours that an earlier reading of the same meter (or area) already
     * covered, with a different interval: an hourly reading after its quarter hours, or the
     * reverse. The first delivery wins.
     */
    OVERLAP,
    /** A payment or inspection for a customer that is not in the master data, after a grace. */
    UNKNOWN_CUSTOMER,
    /**
     * A live what-if scenario (topic {@code tariff-scenarios}) that the scenario file's rules
     * refuse; the detail lists every problem (docs/whatif.md).
     */
    BAD_SCENARIO
}
