package org.gridwatch.core.tariff;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a human-edited tariff file (format: docs/tariffs.md and the shipped presets). Every problem
 * is collected and reported at once, each naming the file, the tariff and what is wrong; policy
 * concerns come back as {@link TariffWarning}s.
 */
public final class TariffFile {

    /** The shipped presets, one per tariff class of the simulator and a few variants. */
    public static final String PRESETS_RESOURCE = "/tariffs/presets.yaml";

    private static final Set<String> TOP_KEYS = Set.of("system-peak-valley-gap", "tariffs");
    private static final Set<String> TARIFF_KEYS =
            Set.of(
                    "id",
                    "name",
                    "source",
                    "sector",
                    "slot-minutes",
                    "days",
                    "schedule",
                    "prices",
                    "tiers",
                    "charges",
                    "offpeak-variant");
    private static final Pattern SEGMENT =
            Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})\\s+([A-Za-z_-]+)");

    private final String fileName;
    private final List<String> problems = new ArrayList<>();

    /** The tariff being read, null at the top of the file. */
    private String tariffId;

    private TariffFile(String fileName) {
        this.fileName = fileName;
    }

    public static LoadedTariffs load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tariff file " + file, e);
        }
    }

    public static LoadedTariffs presets() {
        try (InputStream in = TariffFile.class.getResourceAsStream(PRESETS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + PRESETS_RESOURCE);
            }
            return load(new InputStreamReader(in, StandardCharsets.UTF_8), "presets.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws TariffFileException listing every problem, if any tariff cannot be used
     */
    public static LoadedTariffs load(Reader reader, String fileName) {
        return new TariffFile(fileName).read(reader);
    }

    private LoadedTariffs read(Reader reader) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException e) {
            throw new TariffFileException(
                    List.of(fileName + ": not valid YAML: " + e.getMessage()));
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new TariffFileException(List.of(fileName + ": expected a mapping at the top"));
        }
        return read(top);
    }

    /**
     * Tariffs from a YAML tree already read (a what-if scenario file carries its tariffs inside):
     * {@code top} has the keys of a tariff file's top.
     *
     * @param fileName the file and place the tree comes from, for messages
     * @throws TariffFileException listing every problem, if any tariff cannot be used
     */
    public static LoadedTariffs fromTree(Map<?, ?> top, String fileName) {
        return new TariffFile(fileName).read(top);
    }

    private LoadedTariffs read(Map<?, ?> top) {
        unknownKeys(top, TOP_KEYS, "the top of the file");
        double gap = Double.NaN;
        Object gapValue = top.get("system-peak-valley-gap");
        if (gapValue != null) {
            BigDecimal g = decimal(gapValue, "system-peak-valley-gap");
            if (g != null && (g.signum() < 0 || g.compareTo(BigDecimal.ONE) > 0)) {
                problem("system-peak-valley-gap must be a fraction between 0 and 1, got " + g);
            } else if (g != null) {
                gap = g.doubleValue();
            }
        }
        Map<String, Tariff> tariffs = new LinkedHashMap<>();
        List<TariffWarning> warnings = new ArrayList<>();
        if (!(top.get("tariffs") instanceof List<?> list) || list.isEmpty()) {
            problem("'tariffs' must be a non-empty list");
            throw new TariffFileException(problems);
        }
        int position = 0;
        for (Object item : list) {
            position++;
            tariffId = "#" + position;
            if (!(item instanceof Map<?, ?> map)) {
                problem("every entry of 'tariffs' must be a mapping");
                continue;
            }
            int before = problems.size();
            Tariff tariff = tariff(map);
            if (tariff == null || problems.size() > before) {
                continue;
            }
            if (tariffs.putIfAbsent(tariff.id(), tariff) != null) {
                problem("the id is used twice");
                continue;
            }
            for (String concern : TariffPolicy.concerns(tariff, gap)) {
                warnings.add(new TariffWarning(fileName, tariff.id(), concern));
            }
        }
        for (Tariff tariff : tariffs.values()) {
            checkVariant(tariff, tariffs);
        }
        if (!problems.isEmpty()) {
            throw new TariffFileException(problems);
        }
        List<TariffWarning> fileWarnings = new ArrayList<>();
        for (String concern : TariffPolicy.fileConcerns(tariffs.values(), gap)) {
            fileWarnings.add(new TariffWarning(fileName, null, concern));
        }
        fileWarnings.addAll(warnings);
        return new LoadedTariffs(fileName, gap, tariffs, fileWarnings);
    }

    /** An off-peak variant must be another tariff of the file, with time-of-use periods. */
    private void checkVariant(Tariff tariff, Map<String, Tariff> tariffs) {
        if (tariff.offpeakVariant().isEmpty()) {
            return;
        }
        tariffId = tariff.id();
        Tariff variant = tariffs.get(tariff.offpeakVariant());
        if (variant == null) {
            problem(
                    "offpeak-variant '"
                            + tariff.offpeakVariant()
                            + "' is not a tariff of this file (known: "
                            + tariffs.keySet()
                            + ")");
        } else if (variant == tariff) {
            problem("offpeak-variant names the tariff itself");
        } else if (variant.schedule().periodsUsed().size() < 2) {
            problem(
                    "offpeak-variant '"
                            + variant.id()
                            + "' has one price all day: an off-peak offer needs time-of-use"
                            + " periods");
        }
    }

    private Tariff tariff(Map<?, ?> map) {
        String id = text(map, "id");
        if (id == null) {
            return null;
        }
        tariffId = id;
        unknownKeys(map, TARIFF_KEYS, "the tariff");
        String name = map.get("name") == null ? id : map.get("name").toString().trim();
        String source = text(map, "source");
        Tariff.Sector sector = sector(map.get("sector"));
        int slotMinutes = 30;
        if (map.get("slot-minutes") != null) {
            if (map.get("slot-minutes") instanceof Integer minutes
                    && minutes > 0
                    && DayProfile.MINUTES_PER_DAY % minutes == 0) {
                slotMinutes = minutes;
            } else {
                problem(
                        "slot-minutes must divide a day evenly (15, 30, 60), got "
                                + map.get("slot-minutes"));
                return null;
            }
        }
        TouSchedule schedule = schedule(map, slotMinutes);
        TouPrices prices = TariffFileTerms.prices(map.get("prices"), schedule, this::problem);
        TierScheme tiers = TariffFileTerms.tiers(map.get("tiers"), this::problem);
        Charges charges = TariffFileTerms.charges(map.get("charges"), this::problem);
        if (source == null || sector == null || schedule == null || prices == null) {
            return null;
        }
        if (tiers == null || charges == null) {
            return null;
        }
        String variant =
                map.get("offpeak-variant") == null
                        ? ""
                        : map.get("offpeak-variant").toString().trim();
        return new Tariff(id, name, source, sector, schedule, prices, tiers, charges, variant);
    }

    private Tariff.Sector sector(Object value) {
        String text = value == null ? null : value.toString().trim();
        if (text != null) {
            for (Tariff.Sector sector : Tariff.Sector.values()) {
                if (sector.name().replace('_', '-').equalsIgnoreCase(text)) {
                    return sector;
                }
            }
        }
        problem("sector must be residential, industry-and-commerce or agriculture, got " + text);
        return null;
    }

    private TouSchedule schedule(Map<?, ?> map, int slotMinutes) {
        if (!(map.get("days") instanceof Map<?, ?> days) || days.isEmpty()) {
            problem("'days' must map day names to lists of \"HH:MM-HH:MM period\"");
            return null;
        }
        Map<String, DayProfile> profiles = new LinkedHashMap<>();
        boolean daysValid = true;
        for (Map.Entry<?, ?> entry : days.entrySet()) {
            DayProfile day = day(String.valueOf(entry.getKey()), entry.getValue());
            if (day == null) {
                daysValid = false;
                continue;
            }
            List<String> dayProblems = day.problems(slotMinutes);
            for (String p : dayProblems) {
                problem("day '" + day.name() + "': " + p);
            }
            daysValid &= dayProblems.isEmpty();
            profiles.put(day.name(), day);
        }
        if (!(map.get("schedule") instanceof List<?> rules) || rules.isEmpty()) {
            problem("'schedule' must list which day applies in which months and day types");
            return null;
        }
        if (!daysValid) {
            return null;
        }
        TouSchedule.Builder builder = TouSchedule.builder(slotMinutes);
        for (Object rule : rules) {
            if (!(rule instanceof Map<?, ?> r)) {
                problem("every schedule entry must be a mapping with months, day-types and day");
                return null;
            }
            DayProfile day = profiles.get(String.valueOf(r.get("day")));
            if (day == null) {
                problem(
                        "schedule refers to day '"
                                + r.get("day")
                                + "', which 'days' does not define");
                return null;
            }
            List<Integer> months = TariffFileTerms.months(r.get("months"), this::problem);
            List<DayType> types = TariffFileTerms.dayTypes(r.get("day-types"), this::problem);
            if (months == null || types == null) {
                return null;
            }
            for (int month : months) {
                for (DayType type : types) {
                    builder.assign(month, type, day);
                }
            }
        }
        List<String> unassigned = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            for (DayType type : DayType.values()) {
                if (!builder.isAssigned(month, type)) {
                    unassigned.add(month + "/" + type.fileName());
                }
            }
        }
        if (!unassigned.isEmpty()) {
            problem("schedule gives no day for month/day-type " + String.join(", ", unassigned));
            return null;
        }
        return builder.build();
    }

    private DayProfile day(String name, Object segments) {
        if (!(segments instanceof List<?> list)) {
            problem("day '" + name + "' must be a list of \"HH:MM-HH:MM period\"");
            return null;
        }
        List<DayProfile.Segment> parsed = new ArrayList<>();
        boolean ok = true;
        for (Object item : list) {
            Matcher m = SEGMENT.matcher(String.valueOf(item).trim());
            if (!m.matches()) {
                problem(
                        "day '"
                                + name
                                + "': cannot read '"
                                + item
                                + "', expected \"08:00-11:00 peak\"");
                ok = false;
                continue;
            }
            Optional<TariffPeriod> period = TariffPeriod.fromFileName(m.group(5));
            if (period.isEmpty()) {
                problem(
                        "day '"
                                + name
                                + "': unknown period '"
                                + m.group(5)
                                + "' in '"
                                + item
                                + "' (known: critical-peak, peak, flat, valley, deep-valley)");
                ok = false;
                continue;
            }
            int from = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
            int to = Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4));
            parsed.add(new DayProfile.Segment(from, to, period.get()));
        }
        return ok ? new DayProfile(name, parsed) : null;
    }

    private String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null || value.toString().isBlank()) {
            problem("'" + key + "' is missing");
            return null;
        }
        return value.toString().trim();
    }

    private BigDecimal decimal(Object value, String what) {
        return TariffFileTerms.decimal(value, what, this::problem);
    }

    private void unknownKeys(Map<?, ?> map, Set<String> known, String where) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problem("unknown key '" + key + "' in " + where + " (known: " + known + ")");
            }
        }
    }

    private void problem(String message) {
        problems.add(
                fileName
                        + (tariffId == null ? "" : ": tariff '" + tariffId + "'")
                        + ": "
                        + message);
    }
}
