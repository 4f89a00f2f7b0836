package org.gridwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.gridwatch.core.event.TheftScore;

/**
 * A fleet's theft scores over a stretch of its own history (a replay's {@code
 * theft-score-history.jsonl}, {@code monitor --score-history}), read for the alert score a utility
 * should open THEFT alerts at: for a share of the customers, the least score (to three decimals)
 * that at most that share reached at some time. An alert opens at the first day a customer's score
 * reaches the alert score, so at that score at most the share of the customers would have had one
 * in the stretch. The history holds the scores as the job published them: a day's score is written
 * when it has moved by {@link #UNPUBLISHED} or more (or its odds by e^0.25) since the last written,
 * so a customer's score may have been up to that much above its highest written one, and the alert
 * score is that much above the cut. Where few customers steal, a share of all customers is about
 * the share of the honest ones (the false alarms) plus the thieves found.
 *
 * @param highest each customer's highest published score, ascending
 * @param firstDay the first day a score judged
 * @param lastDay the last
 */
record AlertScores(double[] highest, LocalDate firstDay, LocalDate lastDay) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How far a score may move without being published (docs/contract.md, the theft-scores topic):
     * less than {@link TheftScore#STEP}.
     */
    static final BigDecimal UNPUBLISHED = BigDecimal.valueOf(TheftScore.STEP);

    /** The shares {@code alert-score} prints when none is asked for. */
    static final List<Double> SHARES = List.of(0.005, 0.01, 0.02, 0.05, 0.1);

    /**
     * Reads a score history: each line a published theft score ({@code customerId}, {@code score},
     * {@code ts} the judged day's close, so the day is the local date of {@code ts} less one).
     */
    static AlertScores read(Path historyFile) {
        Map<String, Double> highest = new HashMap<>();
        LocalDate[] span = new LocalDate[2];
        try (Stream<String> lines = Files.lines(historyFile)) {
            lines.filter(l -> !l.isBlank())
                    .forEach(
                            l -> {
                                JsonNode n;
                                try {
                                    n = JSON.readTree(l);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(
                                            "not JSON in " + historyFile + ": " + l, e);
                                }
                                JsonNode customer = n.get("customerId");
                                JsonNode score = n.get("score");
                                JsonNode ts = n.get("ts");
                                if (customer == null || score == null || ts == null) {
                                    throw new IllegalArgumentException(
                                            "not a theft score (customerId, score, ts) in "
                                                    + historyFile
                                                    + ": "
                                                    + l);
                                }
                                highest.merge(customer.asText(), score.asDouble(), Math::max);
                                LocalDate day;
                                try {
                                    day = judgedDay(ts.asText());
                                } catch (DateTimeParseException e) {
                                    throw new IllegalArgumentException(
                                            "not a timestamp with an offset in "
                                                    + historyFile
                                                    + ": "
                                                    + l);
                                }
                                if (span[0] == null || day.isBefore(span[0])) {
                                    span[0] = day;
                                }
                                if (span[1] == null || day.isAfter(span[1])) {
                                    span[1] = day;
                                }
                            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + historyFile + ": " + e.getMessage(), e);
        }
        if (highest.isEmpty()) {
            throw new IllegalArgumentException(
                    historyFile
                            + " has no theft score: was the replay long enough to judge a day?");
        }
        double[] sorted =
                highest.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new AlertScores(sorted, span[0], span[1]);
    }

    /**
     * The day a theft score line judged: its {@code ts} is that day's close, 2 h after the next
     * midnight (docs/contract.md), so the local date of {@code ts} less one day.
     */
    static LocalDate judgedDay(String ts) {
        return OffsetDateTime.parse(ts).toLocalDate().minusDays(1);
    }

    int customers() {
        return highest.length;
    }

    /** Days from the first judged to the last, both counted. */
    long days() {
        return ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
    }

    /**
     * The least alert score, to three decimals, that at most {@code share} of the customers reached
     * at some time, with the margin of a score not published ({@link #UNPUBLISHED}); NaN when no
     * alert score below 1 is that high (more than that share were published at 0.989 or more).
     */
    double alertScoreFor(double share) {
        double cut = ScoreCut.above(highest, share);
        if (cut < 0) {
            return 0.001; // the share allows every customer: the least alert score
        }
        // the least three-decimal score above the cut, and above what a customer at the cut may
        // have reached unpublished
        double score =
                BigDecimal.valueOf(cut)
                        .setScale(3, RoundingMode.FLOOR)
                        .add(new BigDecimal("0.001"))
                        .add(UNPUBLISHED)
                        .doubleValue();
        return score < 1 ? score : Double.NaN;
    }

    /**
     * How many customers may have reached {@code alertScore} at some time: those whose highest
     * published score is within {@link #UNPUBLISHED} of it or above.
     */
    int reaching(double alertScore) {
        double within = BigDecimal.valueOf(alertScore).subtract(UNPUBLISHED).doubleValue();
        return ScoreCut.countAbove(highest, Math.nextDown(within));
    }

    /** The table {@code alert-score} prints. */
    String table(List<Double> shares) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%,d customers' theft scores from %s to %s (%d days)%n",
                        customers(),
                        firstDay,
                        lastDay,
                        days()));
        sb.append(
                "| at most this share alerted | --theft-alert-score | customers alerted, at most | a 30-day month |\n");
        sb.append("| ---: | ---: | ---: | ---: |\n");
        for (double share : shares) {
            double score = alertScoreFor(share);
            if (Double.isNaN(score)) {
                sb.append(
                        String.format(
                                Locale.ROOT, "| %s | none below 1 | - | - |%n", percent(share)));
                continue;
            }
            int n = reaching(score);
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %.3f | %,d | %.1f |%n",
                            percent(share),
                            score,
                            n,
                            n * 30.0 / days()));
        }
        return sb.toString();
    }

    static String percent(double share) {
        return BigDecimal.valueOf(share * 100)
                        .round(new java.math.MathContext(6))
                        .stripTrailingZeros()
                        .toPlainString()
                + "%";
    }
}
