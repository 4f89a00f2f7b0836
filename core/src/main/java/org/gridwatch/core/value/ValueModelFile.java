package org.gridwatch.core.value;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.event.CustomerClass;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a value model from YAML: the sections {@code credit}, {@code value}, {@code segments} and
 * {@code strategies} with the keys of the documented default file ({@link #DEFAULTS_RESOURCE}).
 * Every key is optional and keeps its default when left out; an unknown section or key, a value of
 * the wrong kind, or settings that contradict each other (weights not summing to 1, grade B above
 * A) are errors that name the file, the key and what is expected.
 */
public final class ValueModelFile {

    /** The default file, with a comment on every key; {@link #defaults()} reads it. */
    public static final String DEFAULTS_RESOURCE = "value-model.yaml";

    private static final long DAY = BillingCalendar.MILLIS_PER_DAY;

    private ValueModelFile() {}

    public static ValueModel load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader, file.toString());
        } catch (IOException e) {
            throw new ValueModelException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The shipped default file: equal to {@link ValueModel#DEFAULTS} (a test holds them equal). */
    public static ValueModel defaults() {
        try (InputStream in = ValueModelFile.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the jar");
            }
            return load(new InputStreamReader(in, StandardCharsets.UTF_8), DEFAULTS_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ValueModel load(Reader reader, String fileName) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException e) {
            throw new ValueModelException(fileName + ": not valid YAML: " + e.getMessage());
        }
        Problems problems = new Problems(fileName);
        Map<?, ?> top = root == null ? Map.of() : problems.map(root, "the file");
        if (top == null) {
            throw problems.exception();
        }
        problems.onlyKeys(
                top,
                "the file",
                new LinkedHashSet<>(
                        List.of("credit", "value", "segments", "strategies", "margin")));
        Section credit =
                problems.section(
                        top,
                        "credit",
                        "start-score",
                        "grade-a-min",
                        "grade-b-min",
                        "late-short-max-days",
                        "late-medium-max-days",
                        "late-short-points",
                        "late-medium-points",
                        "late-long-points",
                        "unpaid-points",
                        "bounced-points",
                        "theft-points",
                        "demerit-life-days",
                        "on-time-credit-points",
                        "on-time-credit-cap",
                        "auto-c-days-past-due",
                        "theft-lock-days");
        Section value =
                problems.section(
                        top,
                        "value",
                        "revenue-weight",
                        "volume-weight",
                        "growth-weight",
                        "load-factor-weight",
                        "shiftable-weight",
                        "tenure-weight",
                        "headroom-weight",
                        "growth-span",
                        "tenure-full-years",
                        "peak-hours-tariff");
        Section segments =
                problems.section(
                        top,
                        "segments",
                        "high-top-percent",
                        "moderate-top-percent",
                        "high-min-score-in-b",
                        "medium-min-potential",
                        "high-min-current-value",
                        "high-min-potential",
                        "max-excess-volatility",
                        "decline-rate");
        Section margin = problems.section(top, "margin", "kind", "cny-per-kwh");
        Section strategies =
                problems.section(
                        top,
                        "strategies",
                        "warning-days",
                        "restriction-days",
                        "disconnection-notice-days");
        ValueModel d = ValueModel.DEFAULTS;
        CreditRules c = d.credit();
        ValueRules v = d.value();
        SegmentPolicy s = d.segments();
        Strategies t = d.strategies();
        ValueModel model = null;
        try {
            CreditRules creditRules =
                    new CreditRules(
                            credit.integer("start-score", c.startScore()),
                            credit.integer("grade-a-min", c.gradeAMin()),
                            credit.integer("grade-b-min", c.gradeBMin()),
                            credit.integer("late-short-max-days", c.lateShortMaxDays()),
                            credit.integer("late-medium-max-days", c.lateMediumMaxDays()),
                            credit.integer("late-short-points", c.lateShortPoints()),
                            credit.integer("late-medium-points", c.lateMediumPoints()),
                            credit.integer("late-long-points", c.lateLongPoints()),
                            credit.integer("unpaid-points", c.unpaidPoints()),
                            credit.integer("bounced-points", c.bouncedPoints()),
                            credit.integer("theft-points", c.theftPoints()),
                            credit.integer("demerit-life-days", (int) (c.demeritLifeMillis() / DAY))
                                    * DAY,
                            credit.integer("on-time-credit-points", c.onTimeCreditPoints()),
                            credit.integer("on-time-credit-cap", c.onTimeCreditCap()),
                            credit.integer("auto-c-days-past-due", c.autoCDaysPastDue()),
                            credit.integer("theft-lock-days", (int) (c.theftLockMillis() / DAY))
                                    * DAY);
            ValueRules valueRules =
                    new ValueRules(
                            value.number("revenue-weight", v.revenueWeight()),
                            value.number("volume-weight", v.volumeWeight()),
                            value.number("growth-weight", v.growthWeight()),
                            value.number("load-factor-weight", v.loadFactorWeight()),
                            value.number("shiftable-weight", v.shiftableWeight()),
                            value.number("tenure-weight", v.tenureWeight()),
                            value.number("headroom-weight", v.headroomWeight()),
                            value.number("growth-span", v.growthSpan()),
                            value.number("tenure-full-years", v.tenureFullYears()));
            SegmentPolicy segmentPolicy =
                    new SegmentPolicy(
                            segments.integer("high-top-percent", s.highTopPercent()),
                            segments.integer("moderate-top-percent", s.moderateTopPercent()),
                            segments.integer("high-min-score-in-b", s.highMinScoreInB()),
                            segments.number("medium-min-potential", s.mediumMinPotential()),
                            segments.number("high-min-current-value", s.highMinCurrentValue()),
                            segments.number("high-min-potential", s.highMinPotential()),
                            segments.number("max-excess-volatility", s.maxExcessVolatility()),
                            segments.number("decline-rate", s.declineRate()));
            Strategies steps =
                    new Strategies(
                            strategies.integer("warning-days", t.warningDays()),
                            strategies.integer("restriction-days", t.restrictionDays()),
                            strategies.integer(
                                    "disconnection-notice-days", t.disconnectionNoticeDays()));
            model =
                    new ValueModel(
                            creditRules,
                            valueRules,
                            segmentPolicy,
                            steps,
                            value.text("peak-hours-tariff", d.peakHoursTariff()),
                            basis(margin, problems));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw problems.exception();
        }
        return model;
    }

    /**
     * The value basis from the {@code margin} section: revenue when it is absent; else its {@code
     * kind} ({@code purchase-cost} or {@code distribution}) with a CNY/kWh price for every class.
     */
    private static ValueBasis basis(Section margin, Problems problems) {
        if (margin.isEmpty()) {
            return ValueBasis.REVENUE;
        }
        String kindName = margin.text("kind", "");
        ValueBasis.Kind kind =
                switch (kindName) {
                    case "purchase-cost" -> ValueBasis.Kind.PURCHASE_COST;
                    case "distribution" -> ValueBasis.Kind.DISTRIBUTION;
                    default -> {
                        problems.add(
                                "margin.kind must be purchase-cost (revenue less the energy"
                                        + " bought) or distribution (the transmission-and-"
                                        + "distribution share), got '"
                                        + kindName
                                        + "'");
                        yield null;
                    }
                };
        Map<?, ?> prices = margin.mapping("cny-per-kwh");
        Map<CustomerClass, Double> perClass = new EnumMap<>(CustomerClass.class);
        for (Map.Entry<?, ?> e : prices.entrySet()) {
            CustomerClass c;
            try {
                c = CustomerClass.valueOf(String.valueOf(e.getKey()));
            } catch (IllegalArgumentException unknown) {
                problems.add(
                        "margin.cny-per-kwh: unknown class '"
                                + e.getKey()
                                + "' (known: "
                                + Arrays.toString(CustomerClass.values())
                                + ")");
                continue;
            }
            if (e.getValue() instanceof Number n) {
                perClass.put(c, n.doubleValue());
            } else {
                problems.add(
                        "margin.cny-per-kwh."
                                + c
                                + " must be a number, got '"
                                + e.getValue()
                                + "'");
            }
        }
        return kind == null ? ValueBasis.REVENUE : new ValueBasis(kind, perClass);
    }

    /** A file's problems, each prefixed with the file name. */
    private static final class Problems {
        private final String fileName;
        private final List<String> list = new ArrayList<>();

        Problems(String fileName) {
            this.fileName = fileName;
        }

        void add(String problem) {
            list.add(fileName + ": " + problem);
        }

        boolean isEmpty() {
            return list.isEmpty();
        }

        ValueModelException exception() {
            return new ValueModelException(
                    list.size() == 1
                            ? list.get(0)
                            : list.size() + " problems:\n  " + String.join("\n  ", list));
        }

        Map<?, ?> map(Object value, String where) {
            if (value instanceof Map<?, ?> m) {
                return m;
            }
            add(where + " must be a mapping of keys to values");
            return null;
        }

        void onlyKeys(Map<?, ?> map, String where, Set<String> known) {
            for (Object key : map.keySet()) {
                if (!known.contains(String.valueOf(key))) {
                    add(
                            where
                                    + ": unknown key '"
                                    + key
                                    + "' (known: "
                                    + String.join(", ", new LinkedHashSet<>(known))
                                    + ")");
                }
            }
        }

        Section section(Map<?, ?> top, String name, String... keys) {
            Object value = top.get(name);
            Map<?, ?> map = value == null ? Map.of() : map(value, name);
            return new Section(
                    name, map == null ? Map.of() : map, new LinkedHashSet<>(List.of(keys)), this);
        }
    }

    /** One section's keys, read with their defaults; unknown keys are reported on creation. */
    private static final class Section {
        private final String name;
        private final Map<?, ?> map;
        private final Problems problems;
        private final Set<String> known;

        Section(String name, Map<?, ?> map, Set<String> known, Problems problems) {
            this.name = name;
            this.map = map;
            this.known = known;
            this.problems = problems;
            problems.onlyKeys(map, name, known);
        }

        boolean isEmpty() {
            return map.isEmpty();
        }

        /** A key whose value is itself a mapping; empty, with a problem, if it is not one. */
        Map<?, ?> mapping(String key) {
            Object v = map.get(key);
            if (v == null) {
                problems.add(name + "." + key + " is missing");
                return Map.of();
            }
            if (v instanceof Map<?, ?> m) {
                return m;
            }
            problems.add(name + "." + key + " must be a mapping, got '" + v + "'");
            return Map.of();
        }

        int integer(String key, int fallback) {
            return read(key, fallback, Integer.class, "a whole number");
        }

        String text(String key, String fallback) {
            return read(key, fallback, String.class, "a tariff id");
        }

        double number(String key, double fallback) {
            return read(key, (Number) fallback, Number.class, "a number").doubleValue();
        }

        /** The key's value if it is a {@code type}; else its fallback, with a problem. */
        private <T> T read(String key, T fallback, Class<T> type, String expected) {
            if (!known.contains(key)) {
                throw new IllegalStateException("key " + key + " missing from the known keys");
            }
            Object v = map.get(key);
            if (v == null) {
                return fallback;
            }
            if (type.isInstance(v)) {
                return type.cast(v);
            }
            problems.add(name + "." + key + " must be " + expected + ", got '" + v + "'");
            return fallback;
        }
    }
}
