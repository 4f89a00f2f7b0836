package org.gridwatch.it.grafana;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the files of the Grafana and docker-compose setup lie, all inside the repository: found
 * relative to its root, never by an absolute path or outside it.
 */
public record RepoLayout(Path root) {

    /** The root Maven passes as the system property {@code gridwatch.repo} (see it/pom.xml). */
    public static RepoLayout fromSystemProperty() {
        String property = System.getProperty("gridwatch.repo");
        Path root;
        if (property != null && !property.isBlank()) {
            root = Path.of(property);
        } else {
            // Run from an IDE without Maven's surefire settings: the working folder is the module.
            Path here = Path.of("").toAbsolutePath();
            root =
                    here.getFileName() != null && here.getFileName().toString().equals("it")
                            ? here.getParent()
                            : here;
        }
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml"))) {
            throw new IllegalStateException(
                    "gridwatch.repo=" + root + " is not the repository root (no pom.xml there)");
        }
        return new RepoLayout(root);
    }

    /**
     * Grafana's JSON schemas, kept in the repository with their licence (see the README there), so
     * that a fresh clone tests its dashboards without anything beside it.
     */
    public Path grafanaSchemas() {
        return root.resolve("it/src/test/resources/grafana-jsonschema");
    }

    public Path grafana() {
        return root.resolve("grafana");
    }

    public Path dashboards() {
        return grafana().resolve("dashboards");
    }

    public Path provisioning() {
        return grafana().resolve("provisioning");
    }

    public Path file(String relative) {
        return root.resolve(relative).normalize();
    }
}
