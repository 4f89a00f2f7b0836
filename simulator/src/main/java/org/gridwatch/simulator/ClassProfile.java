package org.gridwatch.simulator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.gridwatch.core.event.CustomerClass;

/**
 * How the customers of one tariff class use electricity and what they pay: the load shape over the
 * day (half-hourly, workday and weekend), over the year (monthly), the spread between customers and
 * the noise from day to day and interval to interval. The values themselves, and why each is what
 * it is, are in {@link ClassProfiles}.
 *
 * <p>The expected energy of a customer in the quarter hour starting at half hour {@code h} of a day
 * is {@code kwhPerDay / 96 × seasonal(date) × weather × (weekend ? weekendLevel : 1) × shape[h]};
 * the shapes and monthly factors are normalised to a mean of 1 here, so {@code kwhPerDay} is the
 * average day of the year.
 *
 * @param medianKwhPerDay the average daily energy of the median customer of the class
 * @param sizeSigma the σ of the lognormal spread of customer size around the median
 * @param workday 48 half-hourly relative loads of a Monday to Friday, from 00:00
 * @param weekend 48 half-hourly relative loads of a Saturday or Sunday
 * @param weekendLevel a weekend day's energy relative to a workday's
 * @param monthly 12 relative daily energies, January to December (interpolated between months)
 * @param daySigma σ of a customer's own day-to-day lognormal variation
 * @param intervalSigma σ of the lognormal noise of each quarter hour
 * @param weatherSensitivity how much of the fleet-wide weather anomaly (±10% typical) reaches the
 *     class: 1 for households' air conditioning and heaters, 0 for street lights
 * @param maxShiftQuarters each customer's habits run up to this many quarter hours early or late,
 *     so that a hundred households do not all switch on at the same quarter
 * @param contractLadderKw the contract capacities offered to the class, smallest first; a customer
 *     gets the smallest one of at least twice its expected peak
 * @param priceCnyPerKwh the average price, for estimates only: the opening bill (no readings) and
 *     pre-paid balances; real bills use the tariff {@code tariffId}
 * @param prepaidShare share of the class's customers on pre-paid (费控) meters
 */
public record ClassProfile(
        CustomerClass customerClass,
        String tariffId,
        double medianKwhPerDay,
        double sizeSigma,
        double[] workday,
        double[] weekend,
        double weekendLevel,
        double[] monthly,
        double daySigma,
        double intervalSigma,
        double weatherSensitivity,
        int maxShiftQuarters,
        double[] contractLadderKw,
        double priceCnyPerKwh,
        double prepaidShare) {

    public ClassProfile {
        workday = normalised(workday, 48, "workday");
        weekend = normalised(weekend, 48, "weekend");
        monthly = normalised(monthly, 12, "monthly");
        contractLadderKw = contractLadderKw.clone();
    }

    private static double[] normalised(double[] values, int length, String name) {
        if (values.length != length) {
            throw new IllegalArgumentException(
                    name + " needs " + length + " values, got " + values.length);
        }
        double sum = 0;
        for (double v : values) {
            if (!(v >= 0)) {
                throw new IllegalArgumentException(name + " values must be >= 0");
            }
            sum += v;
        }
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = values[i] * length / sum;
        }
        return out;
    }

    /** The relative daily energy of a date: monthly factors interpolated between mid-months. */
    public double seasonal(LocalDate date) {
        double position =
                date.getMonthValue() - 1.5 + (date.getDayOfMonth() - 0.5) / date.lengthOfMonth();
        int before = (int) Math.floor(position);
        double toNext = position - before;
        return monthly[Math.floorMod(before, 12)] * (1 - toNext)
                + monthly[Math.floorMod(before + 1, 12)] * toNext;
    }

    public static boolean isWeekend(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    /** The highest expected quarter-hour load relative to the average day, for contract sizing. */
    double peakFactor() {
        double shapePeak = 0;
        for (int i = 0; i < 48; i++) {
            shapePeak = Math.max(shapePeak, Math.max(workday[i], weekend[i] * weekendLevel));
        }
        double seasonPeak = 0;
        for (double m : monthly) {
            seasonPeak = Math.max(seasonPeak, m);
        }
        return shapePeak * seasonPeak;
    }

    /** The smallest capacity on the ladder of at least {@code neededKw}; beyond it, multiples. */
    double contractKwFor(double neededKw) {
        for (double kw : contractLadderKw) {
            if (kw >= neededKw) {
                return kw;
            }
        }
        double top = contractLadderKw[contractLadderKw.length - 1];
        return top * Math.ceil(neededKw / top);
    }
}
