package org.gridwatch.jobs.ops;

import java.io.Serializable;
import org.gridwatch.core.codec.EventCodec;
import org.gridwatch.core.codec.Parsed;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.Source;

/**
 * One input of the contract as the job sees it: its source, its record type, how to parse it and
 * where its event time is.
 */
public record InputKind<T>(
        Source source, Class<T> type, RecordParser<T> parser, EventTimeOf<T> eventTime)
        implements Serializable {

    /** The customer master has no event time: it is reference data, valid from when it is read. */
    public static final InputKind<Customer> CUSTOMERS =
            new InputKind<>(
                    Source.CUSTOMERS,
                    Customer.class,
                    EventCodec::parseCustomer,
                    c -> Long.MIN_VALUE);

    public static final InputKind<MeterReading> METER_READINGS =
            new InputKind<>(
                    Source.METER_READINGS,
                    MeterReading.class,
                    EventCodec::parseReading,
                    MeterReading::endMillis);

    public static final InputKind<AreaReading> AREA_READINGS =
            new InputKind<>(
                    Source.AREA_READINGS,
                    AreaReading.class,
                    EventCodec::parseAreaReading,
                    AreaReading::endMillis);

    public static final InputKind<Payment> PAYMENTS =
            new InputKind<>(
                    Source.PAYMENTS, Payment.class, EventCodec::parsePayment, Payment::tsMillis);

    public static final InputKind<Inspection> INSPECTIONS =
            new InputKind<>(
                    Source.INSPECTIONS,
                    Inspection.class,
                    EventCodec::parseInspection,
                    Inspection::tsMillis);

    @FunctionalInterface
    public interface RecordParser<T> extends Serializable {
        Parsed<T> parse(EventCodec codec, String raw);
    }

    @FunctionalInterface
    public interface EventTimeOf<T> extends Serializable {
        long of(T value);
    }
}
