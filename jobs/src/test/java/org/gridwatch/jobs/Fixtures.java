package org.gridwatch.jobs;

import java.time.OffsetDateTime;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.MeterReading;

/** Small, readable test values. */
public final class Fixtures {
    private Fixtures() {}

    /** Epoch millis of a local time in China, e.g. {@code at("2026-01-15T08:15")}. */
    public static long at(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + ":00+08:00").toInstant().toEpochMilli();
    }

    /** A household on the tiered residential tariff. */
    public static Customer customer(String id, String meter, String area, double contractKw) {
        return customer(
                id, meter, CustomerClass.RESIDENTIAL, "residential-tiered", area, contractKw);
    }

    /** A shop on the commercial time-of-use tariff. */
    public static Customer shop(String id, String meter, String area, double contractKw) {
        return customer(id, meter, CustomerClass.COMMERCIAL, "commercial-tou", area, contractKw);
    }

    private static Customer customer(
            String id,
            String meter,
            CustomerClass customerClass,
            String tariff,
            String area,
            double contractKw) {
        return new Customer(
                id, meter, customerClass, area, tariff, false, contractKw, Customer.UNKNOWN_SINCE);
    }

    public static MeterReading reading(String meter, String end, int minutes, double kwh) {
        return new MeterReading(meter, at(end), minutes, kwh, Double.NaN, Double.NaN, 0);
    }
}
