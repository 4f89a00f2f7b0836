package org.gridwatch.core.detect;

/**
 * A day against the customer's usual day.
 *
 * @param value the day's {@link Feature} values, by ordinal
 * @param usual their usual values
 * @param z deviations in spreads, positive in the theft direction
 * @param kwh the day's energy
 * @param usualKwh the usual day's energy (of the same type)
 * @param chargeCny the day's energy at the customer's hourly prices, or NaN when not priced
 * @param usualChargeCny the usual day's, likewise
 * @param absent the day looked like an empty house (its deviations other than zeros are not
 *     counted)
 */
public record DayComparison(
        double[] value,
        float[] usual,
        double[] z,
        double kwh,
        double usualKwh,
        double chargeCny,
        double usualChargeCny,
        boolean absent) {}
