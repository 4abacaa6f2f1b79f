package io.ccpulse.infra.clickhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Makes the embedded ClickHouse run every query as one user of a ClickHouse users file (the users.d
 * file {@code make access} writes, which a real server loads as it is).
 *
 * <p>Why a whole process per user: chDB (ClickHouse's clickhouse-local as a library) logs its one
 * session in as {@code default} with an empty password (LocalConnection's constructor), stores
 * access entities only from a users file (LocalServer::setupUsers: no SQL-created users, roles or
 * row policies), and cannot impersonate ({@code EXECUTE AS} needs
 * access_control_improvements.allow_impersonate_user, which clickhouse-local never reads). What it
 * does keep is ClickHouse's access control for that one user: grants, roles, row policies, settings
 * profiles, constraints and quotas from the file. So the chosen user's definition is written in as
 * {@code default} (without its password, which the session could not present) and ClickHouse
 * enforces it on every query of the process.
 */
public final class ProcessIdentity {

  private ProcessIdentity() {}

  /**
   * Writes {@code config.xml} and {@code users.xml} into {@code dir} and returns the config file to
   * start chDB with.
   *
   * @throws IllegalArgumentException if the users file does not define {@code user}
   */
  public static Path write(Path usersFile, String user, Path dir) throws IOException {
    Document users = parse(usersFile);
    Element usersElement = child(users.getDocumentElement(), "users");
    Element chosen = usersElement == null ? null : child(usersElement, user);
    if (chosen == null) {
      throw new IllegalArgumentException(usersFile + " defines no user " + user);
    }
    for (Element other : children(usersElement)) {
      if (other != chosen) {
        usersElement.removeChild(other);
      }
    }
    for (Element credential : children(chosen)) {
      if (credential.getTagName().startsWith("password")
          || credential.getTagName().equals("no_password")) {
        chosen.removeChild(credential);
      }
    }
    chosen.appendChild(users.createElement("no_password"));
    users.renameNode(chosen, null, "default");
    // A server's own users.xml defines the profile every session starts from; a users.d file
    // does not repeat it.
    Element profiles = child(users.getDocumentElement(), "profiles");
    if (profiles == null) {
      profiles = users.createElement("profiles");
      users.getDocumentElement().appendChild(profiles);
    }
    if (child(profiles, "default") == null) {
      profiles.appendChild(users.createElement("default"));
    }

    Files.createDirectories(dir);
    Path usersOut = dir.resolve("users.xml");
    write(users, usersOut);
    Path config = dir.resolve("config.xml");
    Files.writeString(
        config,
        "<clickhouse><user_directories><users_xml><path>users.xml</path></users_xml>"
            + "</user_directories></clickhouse>\n");
    return config;
  }

  private static Document parse(Path file) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(file.toFile());
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("Cannot read the users file " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(Document document, Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.transform(new DOMSource(document), new StreamResult(file.toFile()));
    } catch (TransformerException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }

  private static Element child(Element parent, String name) {
    for (Element e : children(parent)) {
      if (e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }
}
