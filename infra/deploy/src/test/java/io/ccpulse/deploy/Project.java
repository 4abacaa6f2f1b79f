package io.ccpulse.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.Yaml;

/** What the deployment files must agree with: the build (poms) and the job's documented keys. */
final class Project {
  /** Prefixes under which any key is accepted (see PipelineConfig). */
  static final List<String> OPEN_PREFIXES =
      List.of("kafka.properties.", "clickhouse.property.", "flink.");

  private Project() {}

  /** The repository root (tests run in infra/deploy). */
  static Path root() {
    Path root = Path.of("").toAbsolutePath().resolve("../..").normalize();
    if (!Files.isRegularFile(root.resolve("pom.xml"))
        || !Files.isDirectory(root.resolve("jobs/pipeline"))) {
      throw new IllegalStateException("Not the repository root: " + root);
    }
    return root;
  }

  static Path deploy() {
    return root().resolve("infra/deploy");
  }

  /** A property of the root pom, e.g. flink.version. */
  static String pomProperty(String name) {
    Element properties = child(pom(root().resolve("pom.xml")).getDocumentElement(), "properties");
    return child(properties, name).getTextContent().trim();
  }

  static String version() {
    return child(pom(root().resolve("pom.xml")).getDocumentElement(), "version")
        .getTextContent()
        .trim();
  }

  /** The shaded jar a module builds: its file name (target/...) and its main class. */
  record ShadedJar(Path file, String mainClass) {}

  static ShadedJar shadedJar(String module) {
    Path dir = root().resolve(module);
    Document pom = pom(dir.resolve("pom.xml"));
    String artifactId = child(pom.getDocumentElement(), "artifactId").getTextContent().trim();
    String classifier =
        pom.getElementsByTagName("shadedClassifierName").item(0).getTextContent().trim();
    String mainClass = pom.getElementsByTagName("mainClass").item(0).getTextContent().trim();
    return new ShadedJar(
        dir.resolve("target/" + artifactId + "-" + version() + "-" + classifier + ".jar"),
        mainClass);
  }

  /** True when the class has a source file in the module. */
  static boolean hasClass(String module, String className) {
    return Files.isRegularFile(
        root().resolve(module).resolve("src/main/java/" + className.replace('.', '/') + ".java"));
  }

  /** The job's documented keys with their defaults. */
  static Map<String, String> defaults() {
    return properties(
        root().resolve("jobs/pipeline/src/main/resources/ccpulse-defaults.properties"));
  }

  /**
   * Keys of a job configuration that the job would reject (neither documented nor under an open
   * prefix).
   */
  static List<String> unknownKeys(Map<String, String> config) {
    Map<String, String> known = defaults();
    List<String> unknown = new ArrayList<>();
    for (String key : config.keySet()) {
      if (!known.containsKey(key) && OPEN_PREFIXES.stream().noneMatch(key::startsWith)) {
        unknown.add(key);
      }
    }
    return unknown;
  }

  static Map<String, String> properties(Path file) {
    try {
      return properties(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> properties(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> map = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k).trim()));
    return map;
  }

  /** Every document of a YAML file. */
  static List<Object> yamlDocuments(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<Object> docs = new ArrayList<>();
      new Yaml().loadAll(in).forEach(docs::add);
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A YAML file of one document, as a map. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(Path file) {
    List<Object> docs = yamlDocuments(file);
    if (docs.size() != 1) {
      throw new IllegalStateException(file + " has " + docs.size() + " documents");
    }
    return (Map<String, Object>) docs.get(0);
  }

  /** A path into nested YAML maps and lists: {@code at(doc, "spec", "job", "args", 0)}. */
  @SuppressWarnings("unchecked")
  static <T> T at(Object node, Object... path) {
    Object current = node;
    for (Object step : path) {
      if (step instanceof Integer i) {
        current = ((List<Object>) current).get(i);
      } else {
        current = current == null ? null : ((Map<String, Object>) current).get(step);
      }
      if (current == null) {
        throw new AssertionError("Nothing at " + List.of(path) + " (stopped at " + step + ")");
      }
    }
    return (T) current;
  }

  private static Document pom(Path file) {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    } catch (Exception e) {
      throw new IllegalStateException("Cannot parse " + file, e);
    }
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    throw new IllegalStateException("No <" + name + "> in <" + parent.getTagName() + ">");
  }
}
