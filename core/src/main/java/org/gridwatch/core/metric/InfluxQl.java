package org.gridwatch.core.metric;

/**
 * The one place where InfluxQL text is built from names: every database, retention policy and
 * measurement name that goes into a statement is quoted here. Unquoted, a name with a hyphen, a
 * space or a keyword ({@code grid-watch}, {@code what if}, {@code select}) breaks the statement,
 * and a name with a quote could change it.
 */
public final class InfluxQl {

    private InfluxQl() {}

    /**
     * A name as a quoted InfluxQL identifier: in double quotes, with each backslash and double
     * quote escaped by a backslash ({@code grid-watch "prod"} becomes {@code "grid-watch
     * \"prod\""}), as InfluxQL's grammar reads quoted identifiers.
     */
    public static String identifier(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an InfluxQL identifier cannot be empty");
        }
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Creates a database; InfluxDB 1.x does nothing when it exists already. */
    public static String createDatabase(String database) {
        return "CREATE DATABASE " + identifier(database);
    }
}
