package org.gridwatch.it.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A Dockerfile's COPY sources and the ignore file of its build context. Multi-stage copies ({@code
 * COPY --from=...}) are skipped: they copy from an image, not from the context.
 */
final class DockerBuild {

    private DockerBuild() {}

    /** The context-relative source paths of every COPY and ADD, trailing slashes removed. */
    static List<String> copySources(String dockerfile) {
        List<String> sources = new ArrayList<>();
        String joined = dockerfile.replace("\\\n", " ");
        for (String line : joined.split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (words.length < 3
                    || !(words[0].equalsIgnoreCase("COPY") || words[0].equalsIgnoreCase("ADD"))) {
                continue;
            }
            List<String> arguments = new ArrayList<>();
            boolean fromImage = false;
            for (int i = 1; i < words.length; i++) {
                if (words[i].startsWith("--")) {
                    fromImage |= words[i].startsWith("--from=");
                } else {
                    arguments.add(words[i]);
                }
            }
            if (!fromImage) {
                for (String source : arguments.subList(0, arguments.size() - 1)) {
                    sources.add(source.replaceAll("/+$", ""));
                }
            }
        }
        return sources;
    }

    static List<String> copySources(Path dockerfile) {
        return copySources(read(dockerfile));
    }

    /**
     * The COPY sources that are neither something the build produces (or lies inside a produced
     * folder) nor a file of the repository outside any target folder: they would make the image
     * build fail, or copy a stale leftover.
     */
    static List<String> unbuiltSources(List<String> sources, List<String> produced, Path context) {
        List<String> unbuilt = new ArrayList<>();
        for (String source : sources) {
            boolean built =
                    produced.stream()
                            .anyMatch(path -> source.equals(path) || source.startsWith(path + "/"));
            boolean inRepository =
                    Files.exists(context.resolve(source))
                            && !Path.of(source).toString().matches("(.*/)?target(/.*)?");
            if (!built && !inRepository) {
                unbuilt.add(source);
            }
        }
        return unbuilt;
    }

    /**
     * Whether .dockerignore rules leave the path in the build context: the last rule that matches
     * the path or one of its parent folders decides, and a rule starting with ! keeps the path.
     */
    static boolean keptInContext(String path, List<String> ignoreRules) {
        boolean kept = true;
        for (String rule : ignoreRules) {
            String line = rule.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            String pattern = (exception ? line.substring(1) : line).replaceAll("/+$", "");
            if (matchesPathOrParent(pattern, path)) {
                kept = exception;
            }
        }
        return kept;
    }

    /**
     * The ignore file BuildKit uses for the Dockerfile: {Dockerfile}.dockerignore, else the
     * context's.
     */
    static List<String> ignoreRules(Path dockerfile, Path context) {
        Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
        Path general = context.resolve(".dockerignore");
        if (Files.isRegularFile(specific)) {
            return List.of(read(specific).split("\n"));
        }
        return Files.isRegularFile(general) ? List.of(read(general).split("\n")) : List.of();
    }

    private static boolean matchesPathOrParent(String pattern, String path) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        Path candidate = Path.of(path);
        for (int depth = 1; depth <= candidate.getNameCount(); depth++) {
            if (matcher.matches(candidate.subpath(0, depth))) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}
