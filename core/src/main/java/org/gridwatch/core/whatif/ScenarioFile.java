package org.gridwatch.core.whatif;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.tariff.DayType;
import org.gridwatch.core.tariff.LoadedTariffs;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffFile;
import org.gridwatch.core.tariff.TariffFileException;
import org.gridwatch.core.tariff.TariffPeriod;
import org.gridwatch.core.tariff.TariffWarning;
import org.gridwatch.core.tariff.TouSchedule;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a planner's scenario file (docs/whatif.md, "The scenario file"). A file with any problem
 * does not load: every problem is listed at once, each as {@code file: scenario 'name': what}. The
 * scenarios' tariffs are read by {@link TariffFile}, so they have its errors and its policy
 * warnings.
 */
public final class ScenarioFile {

    private static final Set<String> TOP_KEYS = Set.of("scenarios", "system-peak-valley-gap");
    private static final Set<String> SCENARIO_KEYS =
            Set.of(
                    "name",
                    "description",
                    "classes",
                    "tariff",
                    "response",
                    "opt-in",
                    "shift-incentive",
                    "critical-peak-days");
    private static final Set<String> EVENT_KEYS = Set.of("months", "days-per-month", "hours");
    private static final Set<String> RESPONSE_KEYS = Set.of("substitution", "own-price");
    private static final Set<String> INCENTIVE_KEYS = Set.of("cny-per-kwh");

    private final String fileName;
    private final List<String> problems = new ArrayList<>();
    private String scenario = "";
    private final Set<String> names = new HashSet<>();

    /** The scenarios of a file, in its order, and the policy warnings of their tariffs. */
    public record Scenarios(
            String fileName, List<WhatIfScenario> scenarios, List<TariffWarning> warnings) {
        public Scenarios {
            scenarios = List.copyOf(scenarios);
            warnings = List.copyOf(warnings);
        }
    }

    private ScenarioFile(String fileName) {
        this.fileName = fileName;
    }

    public static Scenarios load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario file " + file, e);
        }
    }

    /**
     * @throws ScenarioFileException listing every problem
     */
    public static Scenarios load(Reader reader, String fileName) {
        return new ScenarioFile(fileName).read(reader);
    }

    private Scenarios read(Reader reader) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException e) {
            throw new ScenarioFileException(
                    List.of(fileName + ": not valid YAML: " + e.getMessage()));
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new ScenarioFileException(
                    List.of(fileName + ": expected a mapping with 'scenarios' at the top"));
        }
        unknownKeys(top, TOP_KEYS, "the top of the file");
        if (!(top.get("scenarios") instanceof List<?> list) || list.isEmpty()) {
            problem("'scenarios' must be a non-empty list");
            throw new ScenarioFileException(problems);
        }
        List<WhatIfScenario> scenarios = new ArrayList<>();
        List<TariffWarning> warnings = new ArrayList<>();
        int position = 0;
        for (Object item : list) {
            position++;
            scenario = "#" + position;
            if (!(item instanceof Map<?, ?> map)) {
                problem("every entry of 'scenarios' must be a mapping");
                continue;
            }
            int before = problems.size();
            WhatIfScenario s = scenario(map, top.get("system-peak-valley-gap"), warnings);
            if (s == null || problems.size() > before) {
                continue;
            }
            scenarios.add(s);
        }
        if (!problems.isEmpty()) {
            throw new ScenarioFileException(problems);
        }
        return new Scenarios(fileName, scenarios, warnings);
    }

    private WhatIfScenario scenario(Map<?, ?> map, Object gap, List<TariffWarning> warnings) {
        Object nameValue = map.get("name");
        if (nameValue == null || nameValue.toString().isBlank()) {
            problem("'name' is required");
            return null;
        }
        String name = nameValue.toString().trim();
        scenario = name;
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            problem(
                    "the name must be letters, digits, '.', '_' or '-' (it names columns, files and"
                            + " series), got '"
                            + name
                            + "'");
        }
        unknownKeys(map, SCENARIO_KEYS, "the scenario");
        boolean unique = names.add(name);
        Set<CustomerClass> classes = classes(map.get("classes"));
        Tariff tariff = tariff(map.get("tariff"), gap, warnings);
        Map<CustomerClass, ResponseModel> response = response(map.get("response"), classes);
        WhatIfScenario.OptIn optIn = optIn(map.get("opt-in"));
        BigDecimal incentive = incentive(map.get("shift-incentive"));
        CriticalPeakDays events = events(map.get("critical-peak-days"), tariff);
        if (classes == null || tariff == null || response == null || optIn == null) {
            return null;
        }
        if (!unique) {
            problem("the name is used twice");
        }
        if (incentive == null || events == null || !unique) {
            return null;
        }
        return new WhatIfScenario(name, classes, tariff, response, optIn, incentive, events);
    }

    private Set<CustomerClass> classes(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            problem("'classes' must list the customer classes it applies to, e.g. [RESIDENTIAL]");
            return null;
        }
        Set<CustomerClass> classes = EnumSet.noneOf(CustomerClass.class);
        for (Object item : list) {
            String text = String.valueOf(item).trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                classes.add(CustomerClass.valueOf(text));
            } catch (IllegalArgumentException e) {
                problem(
                        "unknown class '"
                                + item
                                + "' (known: "
                                + List.of(CustomerClass.values())
                                + ")");
                return null;
            }
        }
        return classes;
    }

    private Tariff tariff(Object value, Object gap, List<TariffWarning> warnings) {
        if (!(value instanceof Map<?, ?> tariffMap)) {
            problem("'tariff' must be one tariff in the format of the tariff files");
            return null;
        }
        Map<String, Object> top = new LinkedHashMap<>();
        if (gap != null) {
            top.put("system-peak-valley-gap", gap);
        }
        top.put("tariffs", List.of(tariffMap));
        LoadedTariffs loaded;
        try {
            loaded = TariffFile.fromTree(top, fileName + ": scenario '" + scenario + "'");
        } catch (TariffFileException e) {
            problems.addAll(e.problems());
            return null;
        }
        warnings.addAll(loaded.warnings());
        Tariff tariff = loaded.tariffs().values().iterator().next();
        String offGrid = offHalfHour(tariff.schedule());
        if (offGrid != null) {
            problem(
                    "tariff '"
                            + tariff.id()
                            + "' changes period at "
                            + offGrid
                            + "; what-if prices half hours, so periods must change on :00 or"
                            + " :30");
            return null;
        }
        return tariff;
    }

    /** Where a 15-minute schedule changes period inside a half hour, or null. */
    static String offHalfHour(TouSchedule schedule) {
        if (schedule.slotMinutes() % 30 == 0) {
            return null;
        }
        for (int month = 1; month <= 12; month++) {
            for (DayType type : DayType.values()) {
                for (int minute = 0; minute < 1440; minute += 30) {
                    TariffPeriod first = schedule.period(month, type, minute);
                    for (int m = minute; m < minute + 30; m += schedule.slotMinutes()) {
                        if (schedule.period(month, type, m) != first) {
                            return String.format(
                                    "%02d:%02d (month %d, %s)",
                                    m / 60, m % 60, month, type.fileName());
                        }
                    }
                }
            }
        }
        return null;
    }

    private Map<CustomerClass, ResponseModel> response(Object value, Set<CustomerClass> classes) {
        Map<CustomerClass, ResponseModel> models = new EnumMap<>(CustomerClass.class);
        if (classes == null) {
            return models;
        }
        if (value == null || "none".equals(String.valueOf(value).trim())) {
            return models;
        }
        if ("default".equals(String.valueOf(value).trim())) {
            for (CustomerClass c : classes) {
                models.put(c, ResponseDefaults.of(c));
            }
            return models;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problem(
                    "response must be 'default', 'none' or {substitution: σ, own-price: ε}, got '"
                            + value
                            + "'");
            return null;
        }
        unknownKeys(map, RESPONSE_KEYS, "response");
        BigDecimal sigma = decimal(map.get("substitution"), "response: substitution");
        BigDecimal epsilon = decimal(map.get("own-price"), "response: own-price");
        if (sigma == null || epsilon == null) {
            return null;
        }
        try {
            ResponseModel model =
                    new ResponseModel(
                            sigma.doubleValue(),
                            epsilon.doubleValue(),
                            "scenario file: σ " + sigma + ", ε " + epsilon);
            for (CustomerClass c : classes) {
                models.put(c, model);
            }
            return models;
        } catch (IllegalArgumentException e) {
            problem("response: " + e.getMessage());
            return null;
        }
    }

    private WhatIfScenario.OptIn optIn(Object value) {
        if (value == null || "all".equals(String.valueOf(value).trim())) {
            return WhatIfScenario.OptIn.ALL;
        }
        if ("winners".equals(String.valueOf(value).trim())) {
            return WhatIfScenario.OptIn.WINNERS;
        }
        if (value instanceof Number n && n.doubleValue() > 0 && n.doubleValue() <= 1) {
            return new WhatIfScenario.OptIn(WhatIfScenario.OptIn.Kind.SHARE, n.doubleValue());
        }
        problem(
                "opt-in must be 'all', 'winners' or a share of customers in (0, 1], got '"
                        + value
                        + "'");
        return null;
    }

    private BigDecimal incentive(Object value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problem("shift-incentive must be {cny-per-kwh: amount}, got '" + value + "'");
            return null;
        }
        unknownKeys(map, INCENTIVE_KEYS, "shift-incentive");
        BigDecimal amount = decimal(map.get("cny-per-kwh"), "shift-incentive: cny-per-kwh");
        if (amount != null && amount.signum() < 0) {
            problem("shift-incentive: cny-per-kwh must not be negative, got " + amount);
            return null;
        }
        return amount;
    }

    private CriticalPeakDays events(Object value, Tariff tariff) {
        if (value == null) {
            return CriticalPeakDays.NONE;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problem(
                    "critical-peak-days must be {months: [..], days-per-month: n, hours:"
                            + " [\"HH:MM-HH:MM\", ..]}, got '"
                            + value
                            + "'");
            return null;
        }
        unknownKeys(map, EVENT_KEYS, "critical-peak-days");
        List<Integer> months = eventMonths(map.get("months"));
        Object days = map.get("days-per-month");
        if (!(days instanceof Integer n) || n < 1 || n > 31) {
            problem(
                    "critical-peak-days: days-per-month must be a whole number from 1 to 31, got '"
                            + days
                            + "'");
            return null;
        }
        boolean[] halfHours = new boolean[MonthLoad.HALF_HOURS];
        if (!(map.get("hours") instanceof List<?> hours) || hours.isEmpty()) {
            problem("critical-peak-days: hours must list \"HH:MM-HH:MM\" spans on half hours");
            return null;
        }
        for (Object span : hours) {
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile(
                                    "(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})")
                            .matcher(String.valueOf(span).trim());
            int from =
                    m.matches()
                            ? Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2))
                            : -1;
            int to =
                    m.matches()
                            ? Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4))
                            : -1;
            if (from < 0 || to > 1440 || from >= to || from % 30 != 0 || to % 30 != 0) {
                problem(
                        "critical-peak-days: hours: '"
                                + span
                                + "' is not a span of half hours such as \"18:00-20:00\"");
                return null;
            }
            for (int minute = from; minute < to; minute += 30) {
                halfHours[minute / 30] = true;
            }
        }
        if (tariff != null && tariff.prices().price(TariffPeriod.CRITICAL_PEAK).isEmpty()) {
            problem(
                    "critical-peak-days: tariff '"
                            + tariff.id()
                            + "' has no critical-peak price to charge on event days (add"
                            + " critical-peak to its prices)");
            return null;
        }
        if (months == null) {
            return null;
        }
        return new CriticalPeakDays(new java.util.HashSet<>(months), (Integer) days, halfHours);
    }

    private List<Integer> eventMonths(Object value) {
        List<Integer> months = new ArrayList<>();
        if ("all".equals(value)) {
            for (int m = 1; m <= 12; m++) {
                months.add(m);
            }
            return months;
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            for (Object item : list) {
                if (!(item instanceof Integer m) || m < 1 || m > 12) {
                    problem("critical-peak-days: month '" + item + "' is not 1-12");
                    return null;
                }
                months.add(m);
            }
            return months;
        }
        problem("critical-peak-days: months must be 'all' or a list such as [7, 8]");
        return null;
    }

    private BigDecimal decimal(Object value, String what) {
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                // fall through to the problem below
            }
        }
        problem(what + " must be a number, got " + (value == null ? "nothing" : "'" + value + "'"));
        return null;
    }

    private void unknownKeys(Map<?, ?> map, Set<String> known, String where) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problem(
                        "unknown key '"
                                + key
                                + "' in "
                                + where
                                + " (known: "
                                + new TreeSet<>(known)
                                + ")");
            }
        }
    }

    private void problem(String what) {
        problems.add(
                scenario.isEmpty()
                        ? fileName + ": " + what
                        : fileName + ": scenario '" + scenario + "': " + what);
    }
}
