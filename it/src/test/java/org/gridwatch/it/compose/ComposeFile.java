package org.gridwatch.it.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as data: the parts of the Compose Specification the stack uses (short and long
 * port and volume syntax, list and map environments, string and list commands).
 */
final class ComposeFile {

    private final Map<String, Object> document;

    private ComposeFile(Map<String, Object> document) {
        this.document = document;
    }

    static ComposeFile read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    static ComposeFile parse(String yaml) {
        Map<String, Object> document = new Yaml().load(yaml);
        return new ComposeFile(document == null ? Map.of() : document);
    }

    Map<String, Object> document() {
        return document;
    }

    Map<String, Service> services() {
        Map<String, Service> services = new LinkedHashMap<>();
        map(document.get("services"))
                .forEach((name, body) -> services.put(name, new Service(name, map(body))));
        return services;
    }

    Service service(String name) {
        Service service = services().get(name);
        if (service == null) {
            throw new IllegalArgumentException("No service '" + name + "' in the compose file");
        }
        return service;
    }

    /** A bind mount (source ./...) or a named volume (source is its name). */
    record Mount(String source, String target, boolean readOnly) {}

    record Service(String name, Map<String, Object> body) {

        /** The host ports it publishes ("127.0.0.1:9092:29092" publishes 9092). */
        List<Integer> publishedPorts() {
            List<Integer> ports = new ArrayList<>();
            for (Object port : list(body.get("ports"))) {
                if (port instanceof Map<?, ?> longSyntax) {
                    ports.add(Integer.parseInt(String.valueOf(longSyntax.get("published"))));
                } else {
                    String[] parts = String.valueOf(port).split("/")[0].split(":");
                    ports.add(Integer.parseInt(parts[parts.length == 1 ? 0 : parts.length - 2]));
                }
            }
            return ports;
        }

        List<Mount> mounts() {
            List<Mount> mounts = new ArrayList<>();
            for (Object volume : list(body.get("volumes"))) {
                if (volume instanceof Map<?, ?> longSyntax) {
                    mounts.add(
                            new Mount(
                                    String.valueOf(longSyntax.get("source")),
                                    String.valueOf(longSyntax.get("target")),
                                    Boolean.TRUE.equals(longSyntax.get("read_only"))));
                } else {
                    String[] parts = String.valueOf(volume).split(":");
                    mounts.add(
                            new Mount(
                                    parts[0],
                                    parts[1],
                                    parts.length > 2 && parts[2].contains("ro")));
                }
            }
            return mounts;
        }

        Optional<Mount> mountAt(String target) {
            return mounts().stream().filter(mount -> mount.target().equals(target)).findFirst();
        }

        Map<String, String> environment() {
            Map<String, String> environment = new LinkedHashMap<>();
            Object raw = body.get("environment");
            if (raw instanceof Map<?, ?> entries) {
                entries.forEach(
                        (key, value) ->
                                environment.put(
                                        String.valueOf(key),
                                        value == null ? "" : String.valueOf(value)));
            } else {
                for (Object entry : list(raw)) {
                    String[] parts = String.valueOf(entry).split("=", 2);
                    environment.put(parts[0], parts.length > 1 ? parts[1] : "");
                }
            }
            return environment;
        }

        /** The command as one text: list elements joined by spaces, a shell script as it is. */
        String commandText() {
            Object command = body.get("command");
            if (command instanceof List<?> parts) {
                return String.join(" ", parts.stream().map(String::valueOf).toList());
            }
            return command == null ? "" : String.valueOf(command);
        }

        /** The command's words, with shell line continuations and quotes removed. */
        List<String> commandWords() {
            String text = commandText().replace("\\\n", " ");
            List<String> words = new ArrayList<>();
            for (String word : text.split("\\s+")) {
                String bare = word.replace("\"", "").replace("'", "").replace(";", "");
                if (!bare.isEmpty()) {
                    words.add(bare);
                }
            }
            return words;
        }

        /** The word after {@code flag} in the command, if there is one. */
        Optional<String> argument(String flag) {
            return argument("", flag);
        }

        /**
         * The word after {@code flag}, looking only after the word {@code from}: in {@code sh -c
         * '... flink run -c Main'} the main class is the -c after "run".
         */
        Optional<String> argument(String from, String flag) {
            List<String> words = commandWords();
            int start = 0;
            if (!from.isEmpty()) {
                start = words.indexOf(from) + 1;
                if (start == 0) {
                    return Optional.empty();
                }
            }
            List<String> after = words.subList(start, words.size());
            int index = after.indexOf(flag);
            return index >= 0 && index + 1 < after.size()
                    ? Optional.of(after.get(index + 1))
                    : Optional.empty();
        }

        /** depends_on as service name to condition (service_started for the short list form). */
        Map<String, String> dependsOn() {
            Map<String, String> dependencies = new LinkedHashMap<>();
            Object raw = body.get("depends_on");
            if (raw instanceof Map<?, ?> entries) {
                entries.forEach(
                        (name, spec) ->
                                dependencies.put(
                                        String.valueOf(name),
                                        String.valueOf(
                                                map(spec)
                                                        .getOrDefault(
                                                                "condition", "service_started"))));
            } else {
                list(raw)
                        .forEach(name -> dependencies.put(String.valueOf(name), "service_started"));
            }
            return dependencies;
        }

        boolean hasHealthcheck() {
            return body.get("healthcheck") instanceof Map<?, ?> check
                    && !Boolean.TRUE.equals(check.get("disable"));
        }

        Optional<String> buildContext() {
            Object build = body.get("build");
            if (build instanceof String context) {
                return Optional.of(context);
            }
            return build == null
                    ? Optional.empty()
                    : Optional.of(String.valueOf(map(build).getOrDefault("context", ".")));
        }

        Optional<String> dockerfile() {
            Object build = body.get("build");
            return build instanceof Map<?, ?>
                    ? Optional.of(
                            String.valueOf(map(build).getOrDefault("dockerfile", "Dockerfile")))
                    : buildContext().map(context -> "Dockerfile");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> items ? items : List.of();
    }
}
