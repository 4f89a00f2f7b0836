package org.gridwatch.core.event;

import java.util.List;

/** A customer's segment or credit grade changed (topic {@code customer-segments}). */
public record SegmentChange(
        String customerId,
        long tsMillis,
        Segment segment,
        double currentValue,
        double potentialValue,
        int creditScore,
        CreditGrade creditGrade,
        List<String> strategies) {}
