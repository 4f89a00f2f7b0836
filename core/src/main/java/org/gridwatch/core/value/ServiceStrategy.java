package org.gridwatch.core.value;

/** What the utility does for or about a customer, as the paper prescribes per segment. */
public enum ServiceStrategy {
    /** HIGH: a named account manager, one-to-one visits and meetings. */
    ACCOUNT_MANAGER,
    /** HIGH: a VIP counter and channel, so business takes less of their time. */
    VIP_CHANNEL,
    /** HIGH: planned outages and new rules told to them first. */
    OUTAGE_NOTICE_FIRST,
    /**
     * A high user of good credit whose use is shrinking against its class: its account manager
     * visits to learn why and to keep it, in HIGH or after it has dropped out (docs/value.md).
     */
    RETENTION_VISIT,
    /** MEDIUM: the 95598 service hotline for applications, faults and bill queries. */
    HOTLINE_95598,
    /** MEDIUM: a discount for valley use, to raise the load factor. */
    OFFPEAK_DISCOUNT_OFFER,
    /** LOW_RISKY: an IC-card or prepaid meter. */
    PREPAID_METER,
    /** LOW_RISKY: closer follow-up of bills and collection. */
    COLLECTION_FOLLOWUP,
    /** Customers once caught stealing: regular inspections. */
    PERIODIC_INSPECTION,
    /** LOW_BASIC: normal supply, no extra resources. */
    BASIC_SUPPLY,
    /**
     * Pre-paid customers whose balance ran out: remind them to top up before the meter cuts supply
     * remotely (they are never in arrears).
     */
    TOP_UP_REMINDER,
    /** Arrears or theft, first step. */
    WARNING,
    /** Arrears or theft (a second offence), second step: supply restricted. */
    RESTRICTION,
    /**
     * Arrears or theft (a third offence), last step, the paper's giving up: disconnection notice.
     */
    DISCONNECTION_NOTICE
}
