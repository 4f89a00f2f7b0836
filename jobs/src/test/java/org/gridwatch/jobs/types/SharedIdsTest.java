package org.gridwatch.jobs.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.api.java.functions.KeySelector;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.PaymentChannel;
import org.gridwatch.jobs.ops.AccountEvent;
import org.junit.jupiter.api.Test;

class SharedIdsTest {

    @Test
    void equalIdsAreOneCopyAndDifferentOnesStayApart() {
        String first = SharedIds.shared(new String("C-7001"));
        String again = SharedIds.shared(new String("C-7001"));
        String other = SharedIds.shared(new String("C-7002"));

        assertThat(again).isSameAs(first);
        assertThat(other).isEqualTo("C-7002").isNotSameAs(first);
        assertThat(SharedIds.shared(null)).isNull();
    }

    @Test
    void aKeySelectorGivesTheSharedCopySoStateAndTimersKeepOne() throws Exception {
        String kept = SharedIds.shared(new String("C-7003"));
        KeySelector<AccountEvent, String> key = SharedIds.keyOf(AccountEvent::customerId);

        String fromAPayment =
                key.getKey(
                        AccountEvent.of(
                                new Payment(
                                        "P-1", new String("C-7003"), 0L, 100, PaymentChannel.APP)));

        assertThat(fromAPayment).isSameAs(kept);
    }

    @Test
    void theCustomerRecordHoldsTheSharedIds() {
        String customerId = SharedIds.shared(new String("C-7004"));
        String meterId = SharedIds.shared(new String("M-7004"));

        Customer stored =
                SharedCustomers.shared(
                        new Customer(
                                new String("C-7004"),
                                new String("M-7004"),
                                CustomerClass.RESIDENTIAL,
                                new String("A-7004"),
                                new String("residential-tiered"),
                                false,
                                Double.NaN,
                                Customer.UNKNOWN_SINCE));

        assertThat(stored.customerId()).isSameAs(customerId);
        assertThat(stored.meterId()).isSameAs(meterId);
        assertThat(stored.areaId()).isSameAs(SharedIds.shared(new String("A-7004")));
        assertThat(stored.tariffId()).isSameAs(SharedIds.shared(new String("residential-tiered")));
    }

    @Test
    void anIdNoOperatorKeepsIsForgotten() throws Exception {
        WeakReference<String> id = new WeakReference<>(SharedIds.shared(new String("C-7005")));
        for (int i = 0; i < 100 && id.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(id.get()).as("collected once nothing else holds it").isNull();

        String back = new String("C-7005");
        assertThat(SharedIds.shared(back)).isSameAs(back); // kept anew, not a stale entry
    }

    @Test
    void tasksAskingAtOnceGetOneCopy() throws Exception {
        ExecutorService tasks = Executors.newFixedThreadPool(4);
        try {
            List<Future<String[]>> asked = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                asked.add(
                        tasks.submit(
                                () -> {
                                    String[] got = new String[1000];
                                    for (int i = 0; i < got.length; i++) {
                                        got[i] = SharedIds.shared(new String("M-8" + i));
                                    }
                                    return got;
                                }));
            }
            String[] first = asked.get(0).get();
            for (Future<String[]> f : asked) {
                String[] got = f.get();
                for (int i = 0; i < got.length; i++) {
                    assertThat(got[i]).isSameAs(first[i]);
                }
            }
        } finally {
            tasks.shutdownNow();
        }
    }
}
