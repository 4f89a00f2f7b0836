package org.gridwatch.core.codec;

import org.gridwatch.core.event.RejectReason;

/** The result of parsing and validating one input record: a usable value, or a reason why not. */
public sealed interface Parsed<T> {

    record Ok<T>(T value) implements Parsed<T> {}

    /**
     * @param eventMillis the record's own timestamp when it had a usable one, else {@link
     *     Long#MIN_VALUE}
     */
    record Bad<T>(RejectReason reason, String detail, long eventMillis) implements Parsed<T> {}
}
