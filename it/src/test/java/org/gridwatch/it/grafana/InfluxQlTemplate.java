package org.gridwatch.it.grafana;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a dashboard's InfluxQL into the statement Grafana 12 sends to InfluxDB: template variables
 * as the InfluxDB data source formats them, then the macros the InfluxQL backend replaces ({@code
 * $timeFilter}, {@code $__interval}, {@code $__interval_ms}, {@code $interval}) and the global ones
 * ({@code $__from}, {@code $__to}, {@code $__range*}). A name that is none of these is an error,
 * not left in place: InfluxDB would only say "syntax error".
 */
public final class InfluxQlTemplate {

    /** Grafana's variable syntax: $name, [[name]] or [[name:format]], ${name} or ${name:format}. */
    private static final Pattern VARIABLE =
            Pattern.compile(
                    "\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?\\]\\]|\\$\\{(\\w+)(?:\\.([^:^}]+))?(?::([^}]+))?\\}");

    /** A regex literal after =~ or !~, up to the next unescaped slash. */
    private static final Pattern REGEX_LITERAL =
            Pattern.compile("[=!]~\\s*/((?:\\\\.|[^/\\\\])*)/");

    /** The characters grafana-data's escapeRegex escapes. */
    private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\^$*+?.()|\\[\\]{}/]");

    private InfluxQlTemplate() {}

    /** The time range and interval of one query. */
    public record QueryTime(long fromMillis, long toMillis, long intervalMillis) {}

    /**
     * A variable with its values for one run.
     *
     * @param selected the chosen values, or {@code [$__all]}
     * @param options every value the variable offers (what "All" stands for without a custom all
     *     value)
     */
    public record Selection(
            TemplateVariable variable, List<String> selected, List<String> options) {

        public Selection {
            selected = List.copyOf(selected);
            options = List.copyOf(options);
        }

        boolean isAll() {
            return selected.equals(List.of(TemplateVariable.ALL));
        }
    }

    /** Renders the query, or throws naming every variable it could not resolve. */
    public static String render(String query, QueryTime time, Map<String, Selection> variables) {
        Matcher matcher = VARIABLE.matcher(query);
        StringBuilder rendered = new StringBuilder();
        Set<String> unresolved = new LinkedHashSet<>();
        while (matcher.find()) {
            String name = firstNonNull(matcher.group(1), matcher.group(2), matcher.group(4));
            String format = firstNonNull(matcher.group(3), matcher.group(6));
            String value = builtIn(name, time);
            if (value == null && variables.containsKey(name)) {
                value = formatted(variables.get(name), format);
            }
            if (value == null) {
                unresolved.add(matcher.group());
                value = matcher.group();
            }
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(rendered);
        if (!unresolved.isEmpty()) {
            throw new IllegalArgumentException(
                    "Unknown variables " + unresolved + " in query: " + query);
        }
        return rendered.toString();
    }

    /** The names of the template variables (not the built-in macros) the query uses. */
    static Set<String> variablesUsed(String query) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(query);
        while (matcher.find()) {
            String name = firstNonNull(matcher.group(1), matcher.group(2), matcher.group(4));
            if (builtIn(name, new QueryTime(0, 0, 1)) == null) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * The variables used outside a regex literal. For a variable that formats as a regex (multi or
     * "All"), that is a mistake: {@code "area" = '$area'} would compare with {@code (A|B)}.
     */
    static Set<String> variablesOutsideRegex(String query) {
        List<int[]> literals = new ArrayList<>();
        Matcher literal = REGEX_LITERAL.matcher(query);
        while (literal.find()) {
            literals.add(new int[] {literal.start(1), literal.end(1)});
        }
        Set<String> outside = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(query);
        while (matcher.find()) {
            String name = firstNonNull(matcher.group(1), matcher.group(2), matcher.group(4));
            boolean inside = false;
            for (int[] span : literals) {
                inside |= matcher.start() >= span[0] && matcher.end() <= span[1];
            }
            if (!inside && builtIn(name, new QueryTime(0, 0, 1)) == null) {
                outside.add(name);
            }
        }
        return outside;
    }

    static String escapeRegex(String value) {
        return REGEX_SPECIAL.matcher(value).replaceAll("\\\\$0");
    }

    private static String builtIn(String name, QueryTime time) {
        long range = time.toMillis() - time.fromMillis();
        return switch (name) {
            case "timeFilter" ->
                    "time >= " + time.fromMillis() + "ms and time <= " + time.toMillis() + "ms";
            case "__interval", "interval" -> GrafanaInterval.format(time.intervalMillis());
            case "__interval_ms" -> Long.toString(time.intervalMillis());
            case "__from" -> Long.toString(time.fromMillis());
            case "__to" -> Long.toString(time.toMillis());
            case "__range_ms" -> Long.toString(range);
            case "__range_s" -> Long.toString(range / 1000);
            case "__range" -> range / 1000 + "s";
            default -> null;
        };
    }

    /** As Grafana's template service with the InfluxDB data source's interpolateQueryExpr. */
    private static String formatted(Selection selection, String format) {
        TemplateVariable variable = selection.variable();
        if (selection.isAll() && variable.allValue() != null) {
            // Grafana inserts a custom all value as it is, without escaping it.
            return variable.allValue();
        }
        List<String> values = selection.isAll() ? selection.options() : selection.selected();
        if (format == null) {
            if (variable.formatsAsRegex()) {
                return regex(values);
            }
            return values.size() == 1 ? values.get(0) : "{" + String.join(",", values) + "}";
        }
        return switch (format) {
            case "raw", "csv" -> String.join(",", values);
            case "regex" -> regex(values);
            case "pipe" -> String.join("|", values);
            case "singlequote" -> quoted(values, '\'');
            case "doublequote" -> quoted(values, '"');
            default ->
                    throw new IllegalArgumentException(
                            "Variable format '" + format + "' is not supported by the harness");
        };
    }

    private static String regex(List<String> values) {
        List<String> escaped = values.stream().map(InfluxQlTemplate::escapeRegex).toList();
        return escaped.size() == 1 ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
    }

    private static String quoted(List<String> values, char quote) {
        List<String> quoted = new ArrayList<>();
        for (String value : values) {
            quoted.add(quote + value.replace(String.valueOf(quote), "\\" + quote) + quote);
        }
        return String.join(",", quoted);
    }

    private static String firstNonNull(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }
}
