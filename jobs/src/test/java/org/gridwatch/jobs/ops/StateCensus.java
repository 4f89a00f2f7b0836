package org.gridwatch.jobs.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateEntry;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.runtime.state.heap.StateTable;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.gridwatch.core.codec.EventCodec;
import org.gridwatch.core.codec.Parsed;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.Source;
import org.gridwatch.jobs.MonitorSettings;

/**
 * What the meter join and the customer accounts keep, state by state, serialized by each state's
 * own Flink serializer (what a checkpoint of the heap backend writes for the value), for a real
 * fleet's files: a main class, not a test.
 *
 * <p>The two operators run in Flink's operator test harnesses (the heap backend), fed as the job
 * feeds them: every customer's meter assigned first, then the readings in file order with the
 * payments and inspections merged in by time, the watermark following the readings 15 minutes
 * behind (the job's out-of-orderness), the meter join's output passed to the accounts. The input is
 * not ended: the state is the state at the data's last event time, as `gridwatch bench --heap`
 * measures it on the heap. Then every entry of every state is serialized with its state's
 * serializer and the bytes are summed per state; keys and timers are counted apart.
 *
 * <pre>
 * java -cp ... org.gridwatch.jobs.ops.StateCensus DIR
 * </pre>
 */
public final class StateCensus {

    private static final long OUT_OF_ORDERNESS = 15 * 60_000L;

    private StateCensus() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long base = liveHeap();
        EventCodec codec = new EventCodec();
        MonitorSettings settings = MonitorSettings.DEFAULT;
        KeyedTwoInputStreamOperatorTestHarness<String, MeterAssignment, MeterReading, CustomerFeed>
                join =
                        ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                                new MeterEnrichment(settings),
                                MeterAssignment::meterId,
                                MeterReading::meterId,
                                Types.STRING);
        KeyedTwoInputStreamOperatorTestHarness<String, CustomerFeed, AccountEvent, ?> accounts =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new CustomerAccounts(settings),
                        CustomerFeed::customerId,
                        AccountEvent::customerId,
                        Types.STRING);

        int customers = 0;
        for (String line : lines(dir.resolve(Source.CUSTOMERS.fileName()))) {
            if (codec.parseCustomer(line) instanceof Parsed.Ok<Customer> ok) {
                join.processElement1(MeterAssignment.assign(ok.value()), 0);
                customers++;
            }
        }
        pass(join, accounts);

        List<AccountEvent> events = new ArrayList<>();
        for (String line : lines(dir.resolve(Source.PAYMENTS.fileName()))) {
            if (codec.parsePayment(line) instanceof Parsed.Ok<Payment> ok) {
                events.add(AccountEvent.of(ok.value()));
            }
        }
        Path inspections = dir.resolve(Source.INSPECTIONS.fileName());
        if (Files.exists(inspections)) {
            for (String line : lines(inspections)) {
                if (codec.parseInspection(line) instanceof Parsed.Ok<Inspection> ok) {
                    events.add(AccountEvent.of(ok.value()));
                }
            }
        }
        events.sort(Comparator.comparingLong(AccountEvent::tsMillis));

        int nextEvent = 0;
        long newest = Long.MIN_VALUE;
        long watermark = Long.MIN_VALUE;
        long readings = 0;
        try (BufferedReader r =
                Files.newBufferedReader(
                        dir.resolve(Source.METER_READINGS.fileName()), StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!(codec.parseReading(line) instanceof Parsed.Ok<MeterReading> ok)) {
                    continue;
                }
                MeterReading reading = ok.value();
                while (nextEvent < events.size()
                        && events.get(nextEvent).tsMillis() <= reading.endMillis()) {
                    AccountEvent e = events.get(nextEvent++);
                    accounts.processElement2(e, e.tsMillis());
                }
                join.processElement2(reading, reading.endMillis());
                newest = Math.max(newest, reading.endMillis());
                if (++readings % 2_000 == 0 && newest - OUT_OF_ORDERNESS > watermark) {
                    watermark = newest - OUT_OF_ORDERNESS;
                    join.processBothWatermarks(new Watermark(watermark));
                    pass(join, accounts);
                    accounts.processBothWatermarks(new Watermark(watermark));
                    accounts.getOutput().clear();
                }
            }
        }
        watermark = newest - OUT_OF_ORDERNESS;
        join.processBothWatermarks(new Watermark(watermark));
        pass(join, accounts);
        accounts.processBothWatermarks(new Watermark(watermark));

        System.out.printf(
                Locale.ROOT,
                "state census of %s: %,d customers, %,d readings, last watermark %s%n",
                dir,
                customers,
                readings,
                java.time.Instant.ofEpochMilli(watermark));
        census("meter join (MeterEnrichment)", join, customers);
        census("customer accounts (CustomerAccounts)", accounts, customers);

        // The two operators' state on the heap: the live heap with the harnesses, and without.
        join.getOutput().clear();
        accounts.getOutput().clear();
        for (var tag :
                List.of(
                        CustomerAccounts.STANDINGS,
                        CustomerAccounts.ALERTS,
                        CustomerAccounts.DAYS,
                        Rejections.REJECTED)) {
            if (accounts.getSideOutput(tag) != null) {
                accounts.getSideOutput(tag).clear();
            }
            if (join.getSideOutput(tag) != null) {
                join.getSideOutput(tag).clear();
            }
        }
        events.clear();
        long holding = liveHeap();
        System.out.printf(
                Locale.ROOT,
                "live heap: %,d B at the start, %,d B holding both operators' state: %,d B, %,.0f B"
                        + " per customer (the harnesses' fixed part included: compare two fleet"
                        + " sizes)%n",
                base,
                holding,
                holding - base,
                (double) (holding - base) / customers);
        // Keeps the harnesses reachable until the heap was taken.
        System.out.println(
                join.numEventTimeTimers() + accounts.numEventTimeTimers() >= 0 ? "" : "");
    }

    /** The live heap after a full GC, from the JVM's class histogram. */
    private static long liveHeap() throws Exception {
        String text =
                (String)
                        java.lang.management.ManagementFactory.getPlatformMBeanServer()
                                .invoke(
                                        new javax.management.ObjectName(
                                                "com.sun.management:type=DiagnosticCommand"),
                                        "gcClassHistogram",
                                        new Object[] {new String[0]},
                                        new String[] {String[].class.getName()});
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[0].equals("Total")) {
                return Long.parseLong(f[2]);
            }
        }
        throw new IllegalStateException("no total in the class histogram");
    }

    /** Hands the meter join's output to the accounts, in order. */
    private static void pass(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, MeterAssignment, MeterReading, CustomerFeed>
                    join,
            KeyedTwoInputStreamOperatorTestHarness<String, CustomerFeed, AccountEvent, ?> accounts)
            throws Exception {
        for (Object o : join.getOutput()) {
            if (o instanceof StreamRecord<?> record) {
                accounts.processElement1((CustomerFeed) record.getValue(), record.getTimestamp());
            }
        }
        join.getOutput().clear();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void census(
            String name,
            KeyedTwoInputStreamOperatorTestHarness<String, ?, ?, ?> harness,
            int customers)
            throws Exception {
        KeyedStateBackend<String> backend =
                ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
        Field f = HeapKeyedStateBackend.class.getDeclaredField("registeredKVStates");
        f.setAccessible(true);
        Map<String, StateTable> tables = new TreeMap<>((Map<String, StateTable>) f.get(backend));
        System.out.printf(Locale.ROOT, "%s, B per customer:%n", name);
        long total = 0;
        Map<String, Integer> keysPerState = new HashMap<>();
        long keyBytes = 0;
        DataOutputSerializer out = new DataOutputSerializer(4096);
        Map<String, Long> partBytes = new TreeMap<>();
        for (Map.Entry<String, StateTable> t : tables.entrySet()) {
            TypeSerializer<Object> values = t.getValue().getStateSerializer();
            TypeSerializer<Object> keys = t.getValue().getKeySerializer();
            long bytes = 0;
            int entries = 0;
            for (Object o : t.getValue()) {
                StateEntry<Object, Object, Object> e = (StateEntry<Object, Object, Object>) o;
                out.clear();
                values.serialize(e.getState(), out);
                bytes += out.length();
                parts(t.getKey(), e.getState(), partBytes);
                out.clear();
                keys.serialize(e.getKey(), out);
                keyBytes += out.length();
                entries++;
            }
            keysPerState.put(t.getKey(), entries);
            total += bytes;
            System.out.printf(
                    Locale.ROOT,
                    "  %8.1f  %-28s (%,d entries, %,.0f B each)%n",
                    (double) bytes / customers,
                    t.getKey(),
                    entries,
                    entries == 0 ? 0.0 : (double) bytes / entries);
        }
        partBytes.forEach(
                (part, b) ->
                        System.out.printf(
                                Locale.ROOT,
                                "      %8.1f  of which %s%n",
                                (double) b / customers,
                                part));
        int timers = harness.numEventTimeTimers();
        // A heap checkpoint writes each timer as its key, its namespace (none) and its time.
        long timerBytes =
                8L * timers
                        + keyBytes
                                / Math.max(
                                        1,
                                        keysPerState.values().stream()
                                                .mapToInt(Integer::intValue)
                                                .sum())
                                * timers;
        System.out.printf(
                Locale.ROOT,
                "  %8.1f  keys, one per entry of every state (%,d B)%n",
                (double) keyBytes / customers,
                keyBytes);
        System.out.printf(
                Locale.ROOT,
                "  %8.1f  event-time timers (%,d: key and time)%n",
                (double) timerBytes / customers,
                timers);
        System.out.printf(
                Locale.ROOT,
                "  %8.1f  in all%n",
                (double) (total + keyBytes + timerBytes) / customers);
    }

    /** The parts of the gathered values, each in its compact form. */
    private static void parts(String state, Object value, Map<String, Long> bytes)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        if (value instanceof org.gridwatch.jobs.state.CustomerLoad load) {
            org.gridwatch.jobs.state.StateCodec.writeCustomer(out, load.master);
            bytes.merge(state + ": master", (long) out.length(), Long::sum);
            for (var m : load.months) {
                out.clear();
                org.gridwatch.jobs.state.StateCodec.writeUsage(out, m);
                bytes.merge(state + ": open months' usage", (long) out.length(), Long::sum);
            }
            for (var d : load.days) {
                out.clear();
                org.gridwatch.jobs.state.StateCodec.writeDay(out, d);
                bytes.merge(state + ": open days' load", (long) out.length(), Long::sum);
            }
        } else if (value instanceof byte[] raw && state.equals("account-book")) {
            var book = org.gridwatch.jobs.state.AccountBook.decode(raw);
            if (book.account != null) {
                out.clear();
                org.gridwatch.jobs.state.StateCodec.writeAccount(out, book.account);
                long all = out.length();
                out.clear();
                org.gridwatch.jobs.state.StateCodec.writeAccount(
                        out,
                        withHistory(book.account, new org.gridwatch.core.value.ValueHistory()));
                bytes.merge(state + ": value history", all - out.length() + 4, Long::sum);
                bytes.merge(
                        state + ": ledger, credit, paying habit",
                        (long) out.length() - 3,
                        Long::sum);
            }
            if (book.history != null) {
                out.clear();
                org.gridwatch.jobs.state.StateCodec.writeHistory(out, book.history);
                bytes.merge(state + ": reading history (profile)", (long) out.length(), Long::sum);
            }
            if (book.usual != null) {
                out.clear();
                org.gridwatch.jobs.state.StateCodec.writeBaseline(out, book.usual);
                bytes.merge(state + ": usual day", (long) out.length(), Long::sum);
            }
        }
    }

    private static org.gridwatch.core.value.CustomerAccount withHistory(
            org.gridwatch.core.value.CustomerAccount a, org.gridwatch.core.value.ValueHistory h) {
        var copy = new org.gridwatch.core.value.CustomerAccount();
        copy.ledger = a.ledger;
        copy.credit = a.credit;
        copy.habit = a.habit;
        copy.history = h;
        return copy;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
