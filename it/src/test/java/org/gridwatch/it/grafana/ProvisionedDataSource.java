package org.gridwatch.it.grafana;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * A data source from grafana/provisioning/datasources/*.yaml.
 *
 * @param timeInterval the data source's minimum interval (jsonData.timeInterval), empty if unset
 */
public record ProvisionedDataSource(
        String uid, String type, String url, String database, String timeInterval) {

    /** Grafana's own pseudo data sources, which need no provisioning. */
    static final List<String> BUILT_IN =
            List.of("-- Grafana --", "-- Dashboard --", "-- Mixed --", "grafana");

    public static List<ProvisionedDataSource> readAll(Path folder) {
        List<ProvisionedDataSource> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(ProvisionedDataSource::isYaml).sorted().toList()) {
                sources.addAll(read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + folder, e);
        }
        return sources;
    }

    static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    @SuppressWarnings("unchecked")
    private static List<ProvisionedDataSource> read(Path file) {
        Map<String, Object> document;
        try (Reader reader = Files.newBufferedReader(file)) {
            document = new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        List<ProvisionedDataSource> sources = new ArrayList<>();
        Object list = document == null ? null : document.get("datasources");
        if (list instanceof List<?> entries) {
            for (Object entry : entries) {
                Map<String, Object> source = (Map<String, Object>) entry;
                Map<String, Object> jsonData =
                        (Map<String, Object>) source.getOrDefault("jsonData", Map.of());
                String database = text(jsonData.get("dbName"));
                sources.add(
                        new ProvisionedDataSource(
                                text(source.get("uid")),
                                text(source.get("type")),
                                text(source.get("url")),
                                database.isEmpty() ? text(source.get("database")) : database,
                                text(jsonData.get("timeInterval"))));
            }
        }
        return sources;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
