package org.gridwatch.core.tariff;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The smaller parts of a tariff file: month and day-type lists, prices, tiers and charges. Each
 * reader reports problems to the sink it is given and returns null when the part cannot be used.
 */
final class TariffFileTerms {

    private static final Pattern MULTIPLE =
            Pattern.compile("([A-Za-z_-]+)\\s*[×xX*]\\s*(-?[0-9]+(?:\\.[0-9]+)?)");
    private static final Set<String> TIER_KEYS = Set.of("basis", "steps");
    private static final Set<String> STEP_KEYS = Set.of("up-to-kwh", "add");
    private static final Set<String> CHARGE_KEYS =
            Set.of("fixed-monthly", "minimum-monthly", "capacity-per-kva", "demand-per-kw");

    private TariffFileTerms() {}

    /** {@code all}, absent, or a list of month numbers 1–12. */
    static List<Integer> months(Object value, Consumer<String> problems) {
        List<Integer> months = new ArrayList<>();
        if (value == null || "all".equals(value)) {
            for (int m = 1; m <= 12; m++) {
                months.add(m);
            }
            return months;
        }
        if (!(value instanceof List<?> list)) {
            problems.accept("schedule: months must be 'all' or a list such as [1, 7, 8, 12]");
            return null;
        }
        for (Object item : list) {
            if (!(item instanceof Integer m) || m < 1 || m > 12) {
                problems.accept("schedule: month '" + item + "' is not 1-12");
                return null;
            }
            months.add(m);
        }
        return months;
    }

    /** {@code all}, absent, or a list of workday, weekend, holiday. */
    static List<DayType> dayTypes(Object value, Consumer<String> problems) {
        if (value == null || "all".equals(value)) {
            return List.of(DayType.values());
        }
        if (!(value instanceof List<?> list)) {
            problems.accept("schedule: day-types must be 'all' or a list such as [workday]");
            return null;
        }
        List<DayType> types = new ArrayList<>();
        for (Object item : list) {
            Optional<DayType> type = DayType.fromFileName(String.valueOf(item));
            if (type.isEmpty()) {
                problems.accept(
                        "schedule: unknown day type '" + item + "' (workday, weekend, holiday)");
                return null;
            }
            types.add(type.get());
        }
        return types;
    }

    /** Absolute prices and multiples; every period the schedule uses needs one. */
    static TouPrices prices(Object value, TouSchedule schedule, Consumer<String> problems) {
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            problems.accept("'prices' must map periods to CNY/kWh or to \"flat × 1.6\"");
            return null;
        }
        Map<TariffPeriod, PriceRule> rules = new EnumMap<>(TariffPeriod.class);
        boolean ok = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Optional<TariffPeriod> period = TariffPeriod.fromFileName(key);
            if (period.isEmpty()) {
                problems.accept("prices: unknown period '" + key + "'");
                ok = false;
                continue;
            }
            PriceRule rule = priceRule(key, entry.getValue(), problems);
            ok &= rule != null;
            if (rule != null) {
                rules.put(period.get(), rule);
            }
        }
        if (!ok) {
            return null;
        }
        if (schedule != null) {
            for (TariffPeriod used : schedule.periodsUsed()) {
                if (!rules.containsKey(used)) {
                    problems.accept(
                            "prices: the schedule uses "
                                    + used.fileName()
                                    + " but it has no price");
                    ok = false;
                }
            }
        }
        try {
            return ok ? new TouPrices(rules) : null;
        } catch (IllegalArgumentException e) {
            problems.accept("prices: " + e.getMessage());
            return null;
        }
    }

    private static PriceRule priceRule(String period, Object value, Consumer<String> problems) {
        if (value instanceof Number) {
            BigDecimal price = decimal(value, "prices: " + period, problems);
            if (price != null && price.signum() < 0) {
                problems.accept(
                        "prices: negative price " + price.toPlainString() + " for " + period);
                return null;
            }
            return price == null ? null : new PriceRule.Absolute(price);
        }
        Matcher m = MULTIPLE.matcher(String.valueOf(value).trim());
        if (!m.matches()) {
            problems.accept(
                    "prices: cannot read '"
                            + value
                            + "' for "
                            + period
                            + ", expected CNY/kWh (0.65) or a multiple (\"flat × 1.6\")");
            return null;
        }
        Optional<TariffPeriod> of = TariffPeriod.fromFileName(m.group(1));
        if (of.isEmpty()) {
            problems.accept("prices: unknown period '" + m.group(1) + "' in '" + value + "'");
            return null;
        }
        BigDecimal factor = new BigDecimal(m.group(2));
        if (factor.signum() < 0) {
            problems.accept(
                    "prices: negative price multiple " + factor.toPlainString() + " for " + period);
            return null;
        }
        return new PriceRule.Multiple(of.get(), factor);
    }

    /** Absent means no tiers. */
    static TierScheme tiers(Object value, Consumer<String> problems) {
        if (value == null) {
            return TierScheme.NONE;
        }
        if (!(value instanceof Map<?, ?> map) || !(map.get("steps") instanceof List<?> steps)) {
            problems.accept("tiers must have 'basis' (annual or monthly) and a list of 'steps'");
            return null;
        }
        unknownKeys(map, TIER_KEYS, "tiers", problems);
        TierScheme.Basis basis;
        if ("annual".equals(map.get("basis"))) {
            basis = TierScheme.Basis.ANNUAL;
        } else if ("monthly".equals(map.get("basis"))) {
            basis = TierScheme.Basis.MONTHLY;
        } else {
            problems.accept("tiers: basis must be annual or monthly, got " + map.get("basis"));
            return null;
        }
        List<TierScheme.Tier> tiers = new ArrayList<>();
        long previous = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.get(i) instanceof Map<?, ?> step)) {
                problems.accept("tiers: step " + (i + 1) + " must be a mapping");
                return null;
            }
            unknownKeys(step, STEP_KEYS, "tiers step " + (i + 1), problems);
            boolean last = i == steps.size() - 1;
            Object upTo = step.get("up-to-kwh");
            BigDecimal add = decimal(step.get("add"), "tiers: step " + (i + 1) + " add", problems);
            if (add == null) {
                return null;
            }
            if (add.signum() < 0) {
                problems.accept(
                        "tiers: negative price increment "
                                + add.toPlainString()
                                + " in step "
                                + (i + 1));
                return null;
            }
            if (last && upTo != null) {
                problems.accept("tiers: the last step must have no up-to-kwh: it takes the rest");
                return null;
            }
            if (!last && !(upTo instanceof Integer || upTo instanceof Long)) {
                problems.accept("tiers: step " + (i + 1) + " needs a whole up-to-kwh");
                return null;
            }
            long limit = last ? Long.MAX_VALUE : ((Number) upTo).longValue();
            if (limit <= previous) {
                problems.accept(
                        "tiers out of order: step "
                                + (i + 1)
                                + " ends at "
                                + limit
                                + " kWh, not above the "
                                + previous
                                + " kWh of the step before");
                return null;
            }
            previous = limit;
            tiers.add(new TierScheme.Tier(limit, add));
        }
        return new TierScheme(basis, tiers);
    }

    /** Absent means no charges besides energy. */
    static Charges charges(Object value, Consumer<String> problems) {
        if (value == null) {
            return Charges.NONE;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.accept("charges must be a mapping");
            return null;
        }
        unknownKeys(map, CHARGE_KEYS, "charges", problems);
        BigDecimal[] amounts = new BigDecimal[4];
        String[] keys = {"fixed-monthly", "minimum-monthly", "capacity-per-kva", "demand-per-kw"};
        for (int i = 0; i < keys.length; i++) {
            Object raw = map.get(keys[i]);
            amounts[i] =
                    raw == null ? BigDecimal.ZERO : decimal(raw, "charges: " + keys[i], problems);
            if (amounts[i] == null) {
                return null;
            }
            if (amounts[i].signum() < 0) {
                problems.accept(
                        "charges: negative price "
                                + amounts[i].toPlainString()
                                + " for "
                                + keys[i]);
                return null;
            }
        }
        return new Charges(amounts[0], amounts[1], amounts[2], amounts[3]);
    }

    /** A YAML number as the decimal it was written as (0.65, not 0.65000000000000002). */
    static BigDecimal decimal(Object value, String what, Consumer<String> problems) {
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double d && Double.isFinite(d)) {
            return new BigDecimal(Double.toString(d)).stripTrailingZeros();
        }
        problems.accept(what + ": expected a number, got '" + value + "'");
        return null;
    }

    private static void unknownKeys(
            Map<?, ?> map, Set<String> known, String where, Consumer<String> problems) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problems.accept(
                        "unknown key '" + key + "' in " + where + " (known: " + known + ")");
            }
        }
    }
}
