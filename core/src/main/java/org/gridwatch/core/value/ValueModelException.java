package org.gridwatch.core.value;

/** A value model file that cannot be used; the message names the file, the key and the fix. */
public final class ValueModelException extends RuntimeException {
    public ValueModelException(String message) {
        super(message);
    }
}
