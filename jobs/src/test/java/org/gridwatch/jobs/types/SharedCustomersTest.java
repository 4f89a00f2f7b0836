package org.gridwatch.jobs.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.jobs.state.StateCodec;
import org.junit.jupiter.api.Test;

class SharedCustomersTest {
    private static Customer shop(String tariff) {
        // new strings each time, as a record read off the network has
        return new Customer(
                new String("C-0042"),
                new String("M-0042"),
                CustomerClass.COMMERCIAL,
                new String("A007"),
                new String(tariff),
                false,
                50.0,
                Customer.UNKNOWN_SINCE);
    }

    @Test
    void equalRecordsAreKeptOnceAndDifferentOnesApart() {
        Customer first = SharedCustomers.shared(shop("commercial-tou"));
        Customer again = SharedCustomers.shared(shop("commercial-tou"));
        Customer changed = SharedCustomers.shared(shop("commercial-flat"));

        assertThat(again).isSameAs(first);
        assertThat(changed).isNotSameAs(first).isEqualTo(shop("commercial-flat"));
        assertThat(changed.customerId()).isEqualTo("C-0042");
        assertThat(SharedCustomers.shared(null)).isNull();
    }

    @Test
    void aRecordReadBackFromACheckpointIsTheOneAlreadyKept() throws Exception {
        Customer kept = SharedCustomers.shared(shop("residential-tiered"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StateCodec.writeCustomer(new DataOutputStream(bytes), shop("residential-tiered"));

        Customer read =
                StateCodec.readCustomer(
                        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(read).isSameAs(kept);
    }
}
