package org.gridwatch.it.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables docker compose interpolates from .env: {@code ${NAME}}, {@code ${NAME:-default}},
 * {@code ${NAME:?error}} and {@code $NAME}, in every key and value of the file (comments are not
 * interpolated). {@code $$} is a literal dollar for the container's shell, not a variable.
 */
final class ComposeVariables {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ENV_LINE =
            Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=");

    private ComposeVariables() {}

    /** Every variable the parsed compose document uses, in order of first use. */
    static Set<String> used(Object document) {
        Set<String> names = new LinkedHashSet<>();
        collect(document, names);
        return names;
    }

    /** The variables used but not defined, sorted. */
    static Set<String> undefined(Object document, Set<String> defined) {
        Set<String> missing = new TreeSet<>(used(document));
        missing.removeAll(defined);
        return missing;
    }

    /** The names an env file defines (NAME=value lines; comments and blank lines skipped). */
    static Set<String> definedIn(Path envFile) {
        try {
            return definedIn(Files.readAllLines(envFile));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + envFile, e);
        }
    }

    static Set<String> definedIn(List<String> lines) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : lines) {
            Matcher matcher = ENV_LINE.matcher(line);
            if (!line.strip().startsWith("#") && matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /**
     * The variables in one string, scanned as compose does: "$$" first, then "${...}" or "$NAME".
     */
    static Set<String> inText(String text) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '$' || i + 1 >= text.length()) {
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                i++; // "$$": a literal dollar sign.
            } else if (next == '{') {
                Matcher matcher = NAME.matcher(text).region(i + 2, text.length());
                if (matcher.lookingAt()) {
                    names.add(matcher.group());
                }
            } else {
                Matcher matcher = NAME.matcher(text).region(i + 1, text.length());
                if (matcher.lookingAt()) {
                    names.add(matcher.group());
                }
            }
        }
        return names;
    }

    private static void collect(Object node, Set<String> names) {
        if (node instanceof Map<?, ?> map) {
            map.forEach(
                    (key, value) -> {
                        collect(key, names);
                        collect(value, names);
                    });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, names));
        } else if (node instanceof String text) {
            names.addAll(inText(text));
        }
    }
}
