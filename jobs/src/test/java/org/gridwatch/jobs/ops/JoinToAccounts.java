package org.gridwatch.jobs.ops;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.MeterReading;

/**
 * The edge between the meter join and the customer accounts in operator tests, as the job wires it
 * ({@code MonitorJob}: the join's feed, {@link CustomerFeed#forAccounts} only, keyed by customer):
 * what the join emitted since the last {@link #pass} goes to the accounts' first input, in order,
 * with its timestamp. Watermarks are not moved: each test says when the accounts' event time moves,
 * which may lag the join's, as another input of the accounts can make it lag in the job.
 */
final class JoinToAccounts {
    final KeyedTwoInputStreamOperatorTestHarness<
                    String, MeterAssignment, MeterReading, CustomerFeed>
            join;
    final KeyedTwoInputStreamOperatorTestHarness<String, CustomerFeed, AccountEvent, Bill> accounts;

    /** Every record the join emitted, in order, passed on or not. */
    final List<StreamRecord<CustomerFeed>> emitted = new ArrayList<>();

    JoinToAccounts(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, MeterAssignment, MeterReading, CustomerFeed>
                    join,
            KeyedTwoInputStreamOperatorTestHarness<String, CustomerFeed, AccountEvent, Bill>
                    accounts) {
        this.join = join;
        this.accounts = accounts;
    }

    /** Moves what the join emitted to the accounts; the join's output is emptied. */
    @SuppressWarnings("unchecked")
    void pass() throws Exception {
        Object next;
        while ((next = join.getOutput().poll()) != null) {
            if (next instanceof StreamRecord<?> r && r.getValue() instanceof CustomerFeed feed) {
                emitted.add((StreamRecord<CustomerFeed>) r);
                if (feed.forAccounts()) {
                    accounts.processElement1(
                            r.hasTimestamp()
                                    ? new StreamRecord<>(feed, r.getTimestamp())
                                    : new StreamRecord<>(feed));
                }
            }
        }
    }
}
