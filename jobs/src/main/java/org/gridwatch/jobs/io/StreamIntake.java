package org.gridwatch.jobs.io;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gridwatch.core.codec.EventCodec;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.codec.Parsed;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.time.StreamProgress;
import org.gridwatch.core.time.StreamProgress.Witness;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.ops.InputKind;

/**
 * The intake of ONE stream (a Kafka partition, a file): parses each raw record into an {@link
 * Arrival} and judges its event time against the stream's {@link StreamProgress}. Live streams are
 * judged by the wall clock, replays by the stream itself. A record too far ahead becomes a {@code
 * FUTURE_TIMESTAMP} rejection; a rejection without a usable time of its own is counted at the
 * stream's newest event time.
 */
final class StreamIntake<T> {
    private final InputKind<T> kind;
    private final EventCodec codec;
    private final EventTime time;
    private final StreamProgress progress;
    private final long toleranceMillis;

    StreamIntake(InputKind<T> kind, MonitorSettings settings) {
        this.kind = kind;
        this.codec = new EventCodec(settings.zone(), settings.limits());
        this.time = new EventTime(settings.zone());
        this.toleranceMillis = settings.futureTolerance().toMillis();
        this.progress =
                new StreamProgress(
                        toleranceMillis,
                        settings.outOfOrderness().toMillis(),
                        settings.vouchingShare());
    }

    /** Parses a record; its time is judged by {@link #judgeLive} or {@link #judgeReplay}. */
    Arrival<T> parse(String raw) {
        Parsed<T> parsed = kind.parser().parse(codec, raw);
        if (parsed instanceof Parsed.Ok<T> ok) {
            Arrival<T> a = usable(ok);
            a.raw = raw; // until judged: a record judged FUTURE is rejected with its text
            return a;
        }
        return rejected((Parsed.Bad<T>) parsed, raw);
    }

    /**
     * Parses a live record from its UTF-8 bytes (a Kafka record's value) and judges its time
     * against the wall clock, as {@link #parse} and {@link #judgeLive} do with its text; the text
     * is decoded only for a rejection, which carries it.
     */
    Arrival<T> readLive(byte[] utf8, long nowMillis) {
        Parsed<T> parsed = kind.parser().parse(codec, utf8);
        if (parsed instanceof Parsed.Ok<T> ok) {
            return judgeLive(usable(ok), nowMillis, utf8);
        }
        return judgeLive(
                rejected((Parsed.Bad<T>) parsed, new String(utf8, StandardCharsets.UTF_8)),
                nowMillis);
    }

    private Arrival<T> usable(Parsed.Ok<T> ok) {
        return Arrival.usable(ok.value(), kind.eventTime().of(ok.value()), false);
    }

    private static <T> Arrival<T> rejected(Parsed.Bad<T> bad, String raw) {
        return Arrival.rejected(bad.reason(), bad.detail(), raw, bad.eventMillis());
    }

    /** A rejection made before parsing (an empty Kafka record, say). */
    Arrival<T> reject(RejectReason reason, String detail, String raw) {
        return finish(Arrival.rejected(reason, detail, raw, Long.MIN_VALUE));
    }

    /** A usable record with no event time (a master removal). */
    Arrival<T> usableUntimed(T value) {
        return Arrival.usable(value, Long.MIN_VALUE, false);
    }

    /** Judges a parsed record of a live stream against the wall clock. */
    Arrival<T> judgeLive(Arrival<T> a, long nowMillis) {
        return judgeLive(a, nowMillis, null);
    }

    /**
     * As {@link #judgeLive(Arrival, long)}; a record rejected here gets its text from {@code utf8}.
     */
    private Arrival<T> judgeLive(Arrival<T> a, long nowMillis, byte[] utf8) {
        if (a.isTimed()) {
            StreamProgress.Arrival verdict = progress.judgeLive(a.eventMillis, nowMillis);
            if (verdict == StreamProgress.Arrival.FUTURE) {
                if (a.raw == null && utf8 != null) {
                    a.raw = new String(utf8, StandardCharsets.UTF_8);
                }
                return future(a, "the wall clock (" + time.format(nowMillis) + ")");
            }
            a.late = verdict == StreamProgress.Arrival.LATE;
        }
        return finish(a);
    }

    /**
     * Judges a parsed record of a replay against the stream's own progress.
     *
     * @param following the records read after it (a file reader's look-ahead), nearest first
     */
    Arrival<T> judgeReplay(Arrival<T> a, List<Witness> following) {
        if (a.isTimed() && !kind.steady()) {
            a.late = progress.judgeLate(a.eventMillis) == StreamProgress.Arrival.LATE;
        } else if (a.isTimed()) {
            long newest = progress.newestMillis();
            StreamProgress.Arrival verdict =
                    progress.judgeReplay(a.eventMillis, kind.sourceOf().of(a.value), following);
            if (verdict == StreamProgress.Arrival.FUTURE) {
                return future(
                        a,
                        newest == Long.MIN_VALUE
                                ? "the records that follow it"
                                : "the stream (newest " + time.format(newest) + ")");
            }
            a.late = verdict == StreamProgress.Arrival.LATE;
        }
        return finish(a);
    }

    /** The witness a usable timed record gives for the records before it. */
    Witness witness(Arrival<T> a) {
        return a.isTimed() ? new Witness(kind.sourceOf().of(a.value), a.eventMillis) : null;
    }

    private Arrival<T> future(Arrival<T> a, String reference) {
        Arrival<T> rejected =
                Arrival.rejected(
                        RejectReason.FUTURE_TIMESTAMP,
                        "stamped "
                                + time.format(a.eventMillis)
                                + ", more than "
                                + MonitorSettings.describe(toleranceMillis)
                                + " ahead of "
                                + reference,
                        a.raw,
                        progress.newestMillis());
        return rejected;
    }

    /**
     * Drops the text of a usable record. A rejection is counted at its own time only when that is
     * neither missing nor beyond the tolerance (a bad record stamped 2099 must not open a bucket in
     * 2099); else at the stream's newest.
     */
    private Arrival<T> finish(Arrival<T> a) {
        if (a.isUsable()) {
            a.raw = null;
            return a;
        }
        long newest = progress.newestMillis();
        if (a.eventMillis == Long.MIN_VALUE
                || (newest != Long.MIN_VALUE && a.eventMillis - toleranceMillis > newest)) {
            a.eventMillis = newest;
        }
        return a;
    }
}
