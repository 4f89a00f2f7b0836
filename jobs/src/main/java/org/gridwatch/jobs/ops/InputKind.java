package org.gridwatch.jobs.ops;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.gridwatch.core.codec.EventCodec;
import org.gridwatch.core.codec.Parsed;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.MasterChange;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.whatif.ScenarioRecord;
import org.gridwatch.jobs.io.Arrival;

/**
 * One input of the contract as the job sees it: its source, its record type, how to parse it, where
 * its event time is, and which meter, area or customer a record comes from (one source vouches once
 * for how far its stream has come, see {@link org.gridwatch.core.time.StreamProgress}).
 */
public record InputKind<T>(
        Source source,
        Class<T> type,
        RecordParser<T> parser,
        EventTimeOf<T> eventTime,
        SourceOf<T> sourceOf,
        boolean steady)
        implements Serializable {

    /** The customer master has no event time: it is reference data, valid from when it is read. */
    public static final InputKind<MasterChange> CUSTOMERS =
            new InputKind<>(
                    Source.CUSTOMERS,
                    MasterChange.class,
                    (codec, raw) -> asChange(codec.parseCustomer(raw)),
                    c -> Long.MIN_VALUE,
                    MasterChange::customerId,
                    false);

    public static final InputKind<MeterReading> METER_READINGS =
            new InputKind<>(
                    Source.METER_READINGS,
                    MeterReading.class,
                    RecordParser.readings(),
                    MeterReading::endMillis,
                    MeterReading::meterId,
                    true);

    public static final InputKind<AreaReading> AREA_READINGS =
            new InputKind<>(
                    Source.AREA_READINGS,
                    AreaReading.class,
                    EventCodec::parseAreaReading,
                    AreaReading::endMillis,
                    AreaReading::areaId,
                    true);

    public static final InputKind<Payment> PAYMENTS =
            new InputKind<>(
                    Source.PAYMENTS,
                    Payment.class,
                    EventCodec::parsePayment,
                    Payment::tsMillis,
                    Payment::customerId,
                    false);

    public static final InputKind<Inspection> INSPECTIONS =
            new InputKind<>(
                    Source.INSPECTIONS,
                    Inspection.class,
                    EventCodec::parseInspection,
                    Inspection::tsMillis,
                    Inspection::customerId,
                    false);

    /**
     * Live what-if scenarios: reference data like the master, valid from when it is read, no event
     * time (docs/whatif.md, "Live: shadow scenarios").
     */
    public static final InputKind<ScenarioRecord> TARIFF_SCENARIOS =
            new InputKind<>(
                    Source.TARIFF_SCENARIOS,
                    ScenarioRecord.class,
                    (codec, raw) -> ScenarioRecord.parse(raw),
                    r -> Long.MIN_VALUE,
                    r -> r.name,
                    false);

    public TypeInformation<Arrival<T>> arrivalType() {
        return Arrival.typeOf(type);
    }

    public String topic() {
        return source.topic();
    }

    private static Parsed<MasterChange> asChange(Parsed<org.gridwatch.core.event.Customer> p) {
        if (p instanceof Parsed.Ok<org.gridwatch.core.event.Customer> ok) {
            return new Parsed.Ok<>(MasterChange.of(ok.value()));
        }
        Parsed.Bad<org.gridwatch.core.event.Customer> bad =
                (Parsed.Bad<org.gridwatch.core.event.Customer>) p;
        return new Parsed.Bad<>(bad.reason(), bad.detail(), bad.eventMillis());
    }

    @FunctionalInterface
    public interface RecordParser<T> extends Serializable {
        Parsed<T> parse(EventCodec codec, String raw);

        /**
         * A record from its UTF-8 bytes (a Kafka record's value): decoded and parsed, unless the
         * kind reads its bytes itself ({@link #readings}).
         */
        default Parsed<T> parse(EventCodec codec, byte[] utf8) {
            return parse(codec, new String(utf8, StandardCharsets.UTF_8));
        }

        /**
         * The readings' parser: a Kafka record's bytes are scanned as they are, never decoded whole
         * when they are in the contract's compact form ({@link EventCodec#parseReading(byte[])}).
         */
        static RecordParser<MeterReading> readings() {
            return new RecordParser<>() {
                private static final long serialVersionUID = 1L;

                @Override
                public Parsed<MeterReading> parse(EventCodec codec, String raw) {
                    return codec.parseReading(raw);
                }

                @Override
                public Parsed<MeterReading> parse(EventCodec codec, byte[] utf8) {
                    return codec.parseReading(utf8);
                }
            };
        }
    }

    @FunctionalInterface
    public interface EventTimeOf<T> extends Serializable {
        long of(T value);
    }

    @FunctionalInterface
    public interface SourceOf<T> extends Serializable {
        String of(T value);
    }
}
