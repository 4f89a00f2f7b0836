package org.gridwatch.it.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What `mvn package` leaves in a module's target folder, read from its pom.xml: the jar, the shade
 * plugin's attached jar ({finalName}-{shadedClassifierName}.jar) and the folders the dependency
 * plugin copies libraries to. Only what this repository's poms use is understood.
 */
record MavenModule(
        Path folder,
        String artifactId,
        String version,
        String finalName,
        List<String> producedPaths) {

    static MavenModule read(Path moduleFolder) {
        Document pom = parse(moduleFolder.resolve("pom.xml"));
        Element project = pom.getDocumentElement();
        String artifactId = childText(project, "artifactId");
        String version = childText(project, "version");
        if (version.isEmpty()) {
            version = childText(child(project, "parent"), "version");
        }
        Element build = child(project, "build");
        String finalName = childText(build, "finalName");
        if (finalName.isEmpty()) {
            finalName = artifactId + "-" + version;
        }
        finalName =
                finalName
                        .replace("${project.artifactId}", artifactId)
                        .replace("${project.version}", version);

        List<String> produced = new ArrayList<>();
        produced.add("target/" + finalName + ".jar");
        for (Element plugin : children(child(build, "plugins"), "plugin")) {
            String pluginId = childText(plugin, "artifactId");
            for (Element execution : children(child(plugin, "executions"), "execution")) {
                Element configuration = child(execution, "configuration");
                if (pluginId.equals("maven-shade-plugin")
                        && childText(configuration, "shadedArtifactAttached").equals("true")) {
                    String classifier = childText(configuration, "shadedClassifierName");
                    produced.add(
                            "target/"
                                    + finalName
                                    + "-"
                                    + (classifier.isEmpty() ? "shaded" : classifier)
                                    + ".jar");
                }
                if (pluginId.equals("maven-dependency-plugin")
                        && goals(execution).contains("copy-dependencies")) {
                    String output = childText(configuration, "outputDirectory");
                    produced.add(
                            output.replace("${project.build.directory}", "target")
                                    .replaceAll("/$", ""));
                }
            }
        }
        return new MavenModule(moduleFolder, artifactId, version, finalName, List.copyOf(produced));
    }

    /** Every module the root pom lists, read from its own pom. */
    static List<MavenModule> modulesOf(Path root) {
        Element project = parse(root.resolve("pom.xml")).getDocumentElement();
        List<MavenModule> modules = new ArrayList<>();
        for (Element module : children(child(project, "modules"), "module")) {
            modules.add(read(root.resolve(module.getTextContent().strip())));
        }
        return modules;
    }

    /** The produced paths relative to the repository root, e.g. "cli/target/lib". */
    List<String> producedPaths(Path root) {
        Path relative = root.relativize(folder);
        return producedPaths.stream().map(path -> relative.resolve(path).toString()).toList();
    }

    private static List<String> goals(Element execution) {
        List<String> goals = new ArrayList<>();
        children(child(execution, "goals"), "goal")
                .forEach(goal -> goals.add(goal.getTextContent().strip()));
        return goals;
    }

    private static Document parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("Could not read " + file, e);
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String childText(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? "" : element.getTextContent().strip();
    }
}
