package org.gridwatch.simulator;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from the one seed: one per customer and purpose, so that a
 * customer's readings do not change when, say, the fault rates or the payment rules change.
 */
final class Seeds {
    static final int LOAD = 1;
    static final int DELIVERY = 2;
    static final int BILLING = 3;
    static final int AREA = 4;
    static final int FLEET = 5;
    static final int OUTAGE = 6;
    static final int TREND = 7;
    static final int INSPECTION = 8;
    static final int AREA_DELIVERY = 9;
    static final int THEFT = 10;
    static final int THIEF = 11;
    static final int SPURIOUS_EVENT = 12;
    static final int PAYER = 13;
    static final int PLANNED_OUTAGE = 14;
    static final int TECHNICAL_LOSS = 15;
    static final int METER_FAULT = 16;
    static final int UNACCOUNTED_LOSS = 17;

    private Seeds() {}

    static SplittableRandom stream(long seed, int purpose, long index) {
        return new SplittableRandom(
                mix(mix(seed ^ 0x5DEECE66DL) + purpose * 0x9E3779B97F4A7C15L + index));
    }

    /** MurmurHash3's 64-bit finaliser: neighbouring inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
