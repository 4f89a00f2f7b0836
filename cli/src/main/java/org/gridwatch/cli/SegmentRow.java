package org.gridwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One customer's segment record as the contract's JSON line says it (topic {@code
 * customer-segments}, file {@code segments.jsonl}), for {@code gridwatch segments}. Fields the
 * command does not know are kept in {@code json} and otherwise ignored; names of segments, grades
 * and strategies are kept as written, so records of a newer job still read.
 *
 * @param areaId null when the record has none
 * @param nextInspectionMillis {@link Long#MIN_VALUE} when none is planned
 * @param offpeakSaving the off-peak variant's saving a year at today's load, CNY; NaN without an
 *     offer
 * @param offpeakSavingWithShift the same after shifting; NaN without an offer
 * @param json the record as read, one line
 */
record SegmentRow(
        String customerId,
        String areaId,
        long tsMillis,
        String segment,
        String creditGrade,
        int creditScore,
        double currentValue,
        double potentialValue,
        List<String> strategies,
        long nextInspectionMillis,
        double offpeakSaving,
        double offpeakSavingWithShift,
        String json) {

    static final long NONE = Long.MIN_VALUE;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The larger of the two savings, NaN without an offer: what the offer is worth at best. */
    double bestOffpeakSaving() {
        if (Double.isNaN(offpeakSaving)) {
            return offpeakSavingWithShift;
        }
        return Double.isNaN(offpeakSavingWithShift)
                ? offpeakSaving
                : Math.max(offpeakSaving, offpeakSavingWithShift);
    }

    /** Parses one line; an IllegalArgumentException says what is wrong with it. */
    static SegmentRow parse(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String ts = required(n, "ts");
        try {
            List<String> strategies = new ArrayList<>();
            for (JsonNode s : n.path("strategies")) {
                strategies.add(s.asText());
            }
            JsonNode offer = n.path("offpeakOffer");
            return new SegmentRow(
                    required(n, "customerId"),
                    n.hasNonNull("areaId") ? n.get("areaId").asText() : null,
                    OffsetDateTime.parse(ts).toInstant().toEpochMilli(),
                    required(n, "segment"),
                    required(n, "creditGrade"),
                    number(n, "creditScore").intValue(),
                    number(n, "currentValue").doubleValue(),
                    number(n, "potentialValue").doubleValue(),
                    List.copyOf(strategies),
                    n.hasNonNull("nextInspection")
                            ? OffsetDateTime.parse(n.get("nextInspection").asText())
                                    .toInstant()
                                    .toEpochMilli()
                            : NONE,
                    offer.path("savingCnyPerYear").asDouble(Double.NaN),
                    offer.path("savingWithShiftCnyPerYear").asDouble(Double.NaN),
                    line.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a timestamp: " + e.getParsedString());
        }
    }

    private static Number number(JsonNode n, String field) {
        if (!n.hasNonNull(field) || !n.get(field).isNumber()) {
            throw new IllegalArgumentException("no number " + field);
        }
        return n.get(field).numberValue();
    }

    private static String required(JsonNode n, String field) {
        if (!n.hasNonNull(field)) {
            throw new IllegalArgumentException("no " + field);
        }
        return n.get(field).asText();
    }
}
