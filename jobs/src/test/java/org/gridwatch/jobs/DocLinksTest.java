package org.gridwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every link between the repository's documents leads somewhere: the README, docs/*.md and the
 * other pages link to each other, to a heading of another page (its anchor as GitHub makes it), and
 * to files of the repository. A newcomer who follows one should not land on nothing. Links out of
 * the repository (http, mailto) are not followed.
 */
class DocLinksTest {

    /** A Markdown link's target: {@code [text](target)}, the target without spaces. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+?)\\s*#*\\s*$");

    @Test
    void everyLinkBetweenTheDocumentsLeadsToAFileAndAHeadingThatExist() throws IOException {
        Path root = repositoryRoot();
        List<Path> pages = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !isBuildOutput(root.relativize(p)))
                    .sorted()
                    .forEach(pages::add);
        }
        assertThat(pages).contains(root.resolve("README.md"), root.resolve("docs/detection.md"));
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        int followed = 0;
        for (Path page : pages) {
            for (String target : links(Files.readString(page))) {
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http:, https:, mailto:
                }
                followed++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path to = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(to)) {
                    broken.add(root.relativize(page) + ": " + target + " (no such file)");
                    continue;
                }
                if (hash >= 0 && to.toString().endsWith(".md")) {
                    String anchor = target.substring(hash + 1);
                    Set<String> known = anchors.computeIfAbsent(to, p -> headingAnchors(read(p)));
                    if (!known.contains(anchor)) {
                        broken.add(root.relativize(page) + ": " + target + " (no such heading)");
                    }
                }
            }
        }
        assertThat(followed).as("links followed").isGreaterThan(100);
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        // GitHub's rule: lower case, punctuation dropped (letters of any script, digits, spaces,
        // hyphens and underscores kept), spaces to hyphens, a repeated heading numbered.
        assertThat(
                        headingAnchors(
                                """
                                # Detection: theft, area loss
                                ## Detection, A/B with `bin/gridwatch monitor` (2026-12-01)
                                ### 4. The area balance (台区线损) and AREA_LOSS
                                ## Notes
                                ## Notes
                                ```sh
                                # a comment in a block of code, not a heading
                                ```
                                """))
                .containsExactlyInAnyOrder(
                        "detection-theft-area-loss",
                        "detection-ab-with-bingridwatch-monitor-2026-12-01",
                        "4-the-area-balance-台区线损-and-area_loss",
                        "notes",
                        "notes-1");
    }

    /** The link targets of a page, leaving out its blocks of code. */
    private static List<String> links(String markdown) {
        List<String> out = new ArrayList<>();
        for (String line : outsideCode(markdown)) {
            Matcher m = LINK.matcher(line);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The anchors of a page's headings, as GitHub makes them. */
    static Set<String> headingAnchors(String markdown) {
        Set<String> out = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : outsideCode(markdown)) {
            Matcher m = HEADING.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String slug =
                    m.group(1)
                            .toLowerCase(Locale.ROOT)
                            .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "")
                            .replace(' ', '-');
            Integer n = seen.merge(slug, 0, (a, b) -> a + 1);
            out.add(n == 0 ? slug : slug + "-" + n);
        }
        return out;
    }

    private static List<String> outsideCode(String markdown) {
        List<String> lines = new ArrayList<>();
        boolean code = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) {
                code = !code;
            } else if (!code) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Build output, tools' folders and Git's own: not the repository's documents. */
    private static boolean isBuildOutput(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/architecture.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/architecture.md not found above the working dir");
        }
        return dir;
    }
}
