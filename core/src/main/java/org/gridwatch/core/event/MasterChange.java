package org.gridwatch.core.event;

/**
 * One change of the customer master: a customer's current record, which replaces any earlier one,
 * or the customer's removal (a tombstone, a record with a key and no value, on the compacted {@code
 * customers} topic).
 *
 * @param customer the new record, or null when the customer was removed
 */
public record MasterChange(String customerId, Customer customer) {

    public static MasterChange of(Customer customer) {
        return new MasterChange(customer.customerId(), customer);
    }

    public static MasterChange removal(String customerId) {
        return new MasterChange(customerId, null);
    }

    public boolean isRemoval() {
        return customer == null;
    }
}
