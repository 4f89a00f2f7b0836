package org.gridwatch.core.codec;

import org.gridwatch.core.event.RejectReason;

/** Thrown inside the codec when a field is unusable; turned into {@link Parsed.Bad}. */
final class InvalidRecordException extends Exception {
    private static final long serialVersionUID = 1L;
    final RejectReason reason;

    InvalidRecordException(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }
}
