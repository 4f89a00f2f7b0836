package org.gridwatch.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The worklists of {@code gridwatch segments}: each customer's latest segment record (by ts; of two
 * with the same ts, the one read last), filtered by strategy, segment, area and grade, in the order
 * the people acting on that strategy work it.
 */
final class SegmentBoard {

    /** How a worklist is ordered; ties always go to the customer id. */
    enum Order {
        /** Collectors: the worst credit first, then the most valuable. */
        CREDIT(
                "lowest credit first (grade C, B, A, then score ascending), then current value"
                        + " descending",
                Comparator.comparing((SegmentRow r) -> r.creditGrade())
                        .reversed()
                        .thenComparingInt(SegmentRow::creditScore)
                        .thenComparing(
                                Comparator.comparingDouble(SegmentRow::currentValue).reversed())),
        /** Inspectors: the most overdue visit first. */
        INSPECTION(
                "next inspection soonest first (none planned last), then lowest credit score",
                Comparator.comparingLong(
                                (SegmentRow r) ->
                                        r.nextInspectionMillis() == SegmentRow.NONE
                                                ? Long.MAX_VALUE
                                                : r.nextInspectionMillis())
                        .thenComparingInt(SegmentRow::creditScore)),
        /** The off-peak offer: where it saves the customer most. */
        OFFPEAK(
                "off-peak saving descending (the larger of today's and after shifting), then"
                        + " current value descending",
                Comparator.comparingDouble(
                                (SegmentRow r) ->
                                        Double.isNaN(r.bestOffpeakSaving())
                                                ? Double.NEGATIVE_INFINITY
                                                : r.bestOffpeakSaving())
                        .reversed()
                        .thenComparing(
                                Comparator.comparingDouble(SegmentRow::currentValue).reversed())),
        /** Account managers and service staff: the most valuable customer first. */
        VALUE(
                "current value descending, then potential value descending",
                Comparator.comparingDouble(SegmentRow::currentValue)
                        .reversed()
                        .thenComparing(
                                Comparator.comparingDouble(SegmentRow::potentialValue).reversed()));

        private final String description;
        private final Comparator<SegmentRow> comparator;

        Order(String description, Comparator<SegmentRow> comparator) {
            this.description = description;
            this.comparator = comparator.thenComparing(SegmentRow::customerId);
        }

        String description() {
            return description;
        }

        Comparator<SegmentRow> comparator() {
            return comparator;
        }

        /** The order of a strategy's worklist; every strategy not named here goes by value. */
        static Order of(String strategy) {
            if (strategy == null) {
                return VALUE;
            }
            return switch (strategy) {
                case "COLLECTION_FOLLOWUP",
                        "PREPAID_METER",
                        "TOP_UP_REMINDER",
                        "WARNING",
                        "RESTRICTION",
                        "DISCONNECTION_NOTICE" ->
                        CREDIT;
                case "PERIODIC_INSPECTION" -> INSPECTION;
                case "OFFPEAK_DISCOUNT_OFFER" -> OFFPEAK;
                default -> VALUE;
            };
        }
    }

    /**
     * Which customers to list: a null strategy and empty sets let everything through; names are
     * upper case.
     */
    record Filter(String strategy, Set<String> segments, Set<String> areas, Set<String> grades) {
        static final Filter ALL = new Filter(null, Set.of(), Set.of(), Set.of());

        boolean admits(SegmentRow row) {
            return (strategy == null || row.strategies().contains(strategy))
                    && (segments.isEmpty() || segments.contains(row.segment()))
                    && (areas.isEmpty() || areas.contains(row.areaId()))
                    && (grades.isEmpty() || grades.contains(row.creditGrade()));
        }

        Order order() {
            return Order.of(strategy);
        }
    }

    private final Map<String, SegmentRow> latest = new HashMap<>();

    /**
     * Takes one record: it replaces the customer's latest unless older (by ts). Returns whether the
     * lists may have changed.
     */
    boolean add(SegmentRow row) {
        SegmentRow kept = latest.get(row.customerId());
        if (kept != null && row.tsMillis() < kept.tsMillis()) {
            return false;
        }
        latest.put(row.customerId(), row);
        return true;
    }

    /** The customers the filter admits, in its strategy's order. */
    List<SegmentRow> worklist(Filter filter) {
        List<SegmentRow> list = new ArrayList<>();
        for (SegmentRow r : latest.values()) {
            if (filter.admits(r)) {
                list.add(r);
            }
        }
        list.sort(filter.order().comparator());
        return list;
    }

    /** Customers seen. */
    int size() {
        return latest.size();
    }
}
