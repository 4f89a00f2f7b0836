package org.gridwatch.jobs.types;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;

/**
 * One copy on the heap of each customer's and meter's id, for every operator of a task manager that
 * keeps it. Every record that crosses the network arrives with its own copy of its ids, and an
 * operator keeps the copy of the record it first stored a key with: the keyed state's entries, each
 * timer, the customers' cases in an area, each keep one. Measured before this (docs/benchmarks.md,
 * session 11: 3,000 against 9,000 customers), a customer's two ids were 27.5 strings on the heap,
 * about 1.3 KB with their characters; now about 2.
 *
 * <p>Where it is used: the keys of the keyed operators that hear of a customer rarely (the master,
 * payments, standings, segments: {@link #keyOf}); the accounts' feed as it is read off the network,
 * so the accounts' keys and timers and the supply watch's are the shared copy; the customer master
 * record ({@link SharedCustomers}); the area's cases; every key read back from a checkpoint ({@link
 * #KEY}, {@link SharedIdSerializer}). The meter join's readings are not: the join's state is stored
 * from the meter's assignment, and a reading's meter id is garbage once it has passed, except in
 * the timer of a day's close or a month's billing instant that a reading opening the day or month
 * registers (about 1.2 a meter: 72 B a customer, docs/benchmarks.md, session 13).
 *
 * <p>Held weakly, so an id no operator keeps any more is collected; lock-free to read (a {@link
 * ConcurrentHashMap}), since it is asked once per record of the accounts' feed (a master record, a
 * customer's day or month), from every task of the task manager.
 */
public final class SharedIds {
    private static final ReferenceQueue<String> COLLECTED = new ReferenceQueue<>();
    private static final ConcurrentHashMap<Object, Kept> IDS = new ConcurrentHashMap<>();

    /** The type of an id as a key: read back from a checkpoint as the shared copy. */
    public static final TypeInformation<String> KEY =
            HandWrittenType.key(String.class, () -> SharedIdSerializer.INSTANCE);

    private SharedIds() {}

    /** The copy already kept of an id equal to {@code id}, or {@code id}, kept from now on. */
    public static String shared(String id) {
        if (id == null) {
            return null;
        }
        Kept kept = IDS.get(new Probe(id));
        String same = kept == null ? null : kept.get();
        if (same != null) {
            return same;
        }
        forgetCollected();
        Kept mine = new Kept(id);
        while (true) {
            Kept before = IDS.putIfAbsent(mine, mine);
            if (before == null) {
                return id;
            }
            same = before.get();
            if (same != null) {
                return same;
            }
            IDS.remove(before, before); // collected, not yet forgotten
        }
    }

    /**
     * A key selector for an id that the stream's records bring rarely (the master, payments,
     * standings, segments): each record's key is the shared copy, so the keyed state's entries and
     * the timers, which keep the key of the record that made them, keep one copy. Its key type is
     * {@link #KEY}.
     */
    public static <T> KeySelector<T, String> keyOf(KeySelector<T, String> id) {
        return new SharedKey<>(id, true);
    }

    /**
     * A key selector for an id as the records carry it, looked up in nothing: for the readings and
     * the accounts' feed (the feed's ids are shared as they are read; a reading's meter id is kept
     * only by the join's timers a reading registers, one lookup a reading saved). Its key type is
     * {@link #KEY}, as a connected stream's must be.
     */
    public static <T> KeySelector<T, String> asCarried(KeySelector<T, String> id) {
        return new SharedKey<>(id, false);
    }

    private static void forgetCollected() {
        for (Object gone = COLLECTED.poll(); gone != null; gone = COLLECTED.poll()) {
            IDS.remove(gone, gone);
        }
    }

    private static final class SharedKey<T>
            implements KeySelector<T, String>, ResultTypeQueryable<String> {
        private static final long serialVersionUID = 1L;
        private final KeySelector<T, String> id;
        private final boolean share;

        SharedKey(KeySelector<T, String> id, boolean share) {
            this.id = id;
            this.share = share;
        }

        @Override
        public String getKey(T value) throws Exception {
            return share ? shared(id.getKey(value)) : id.getKey(value);
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return KEY;
        }
    }

    /** A kept id: equal to another kept id or a probe of the same characters. */
    private static final class Kept extends WeakReference<String> {
        private final int hash;

        Kept(String id) {
            super(id, COLLECTED);
            hash = id.hashCode();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof Kept other)) {
                return false;
            }
            String mine = get();
            return mine != null && mine.equals(other.get());
        }
    }

    /** An id looked up, not kept. */
    private static final class Probe {
        private final String id;

        Probe(String id) {
            this.id = id;
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Kept k && id.equals(k.get());
        }
    }
}
