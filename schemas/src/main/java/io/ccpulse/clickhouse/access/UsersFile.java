package io.ccpulse.clickhouse.access;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The ClickHouse users file of a ccpulse database (a users.d file): roles, the analysts' settings
 * profile and quota, the two service users and every analyst with a row policy on each tenant
 * table. Both a ClickHouse server (from users.d, reloaded on change) and the embedded one load it
 * as it is, so what the tests prove of it holds on a server.
 *
 * <p>Why a file and not SQL (CREATE ROLE, CREATE ROW POLICY) in the migrations: the embedded
 * ClickHouse (chDB) can store access entities only from such a file, so only this form can be
 * tested here. Passwords appear as SHA-256 hashes only.
 */
public final class UsersFile {

  private final StoredObjects objects;
  private final Map<String, String> analysts;
  private final Map<String, String> passwordHashes;
  private final Map<String, String> analystLimits;

  /**
   * @param analysts user name to tenant binding (see {@link Analysts})
   * @param passwordHashes user name to the SHA-256 (hex) of its password, for every user
   * @param analystLimits the analysts' settings bounds, {@link Roles#analystLimits()} or changed
   */
  public UsersFile(
      StoredObjects objects,
      Map<String, String> analysts,
      Map<String, String> passwordHashes,
      Map<String, String> analystLimits) {
    this.objects = objects;
    this.analysts = new TreeMap<>(Analysts.check(analysts));
    this.passwordHashes = Map.copyOf(passwordHashes);
    this.analystLimits = Map.copyOf(analystLimits);
  }

  /** The row filter of a tenant table for an analyst bound as {@code binding}. */
  static String rowFilter(String binding) {
    if (binding.equals(Analysts.ALL_TENANTS)) {
      return "1";
    }
    if (binding.isEmpty()) {
      return "0";
    }
    return "tenant_id = '" + binding.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  public String render() {
    Document doc = newDocument();
    Element root = doc.createElement("clickhouse");
    doc.appendChild(root);

    Element profiles = add(root, "profiles");
    add(profiles, "ccpulse_service");
    Element writerProfile = add(profiles, Roles.WRITER);
    add(writerProfile, "priority", "1");
    Element analystProfile = add(profiles, Roles.ANALYST);
    add(analystProfile, "readonly", "2");
    add(analystProfile, "result_overflow_mode", "throw");
    add(analystProfile, "priority", "10");
    new TreeMap<>(analystLimits).forEach((name, value) -> add(analystProfile, name, value));
    Element constraints = add(analystProfile, "constraints");
    add(add(constraints, "readonly"), "const");
    add(add(constraints, "priority"), "min", "10");
    new TreeMap<>(analystLimits)
        .forEach((name, value) -> add(add(constraints, name), "max", value));

    Element quotas = add(root, "quotas");
    Element interval = add(add(quotas, Roles.ANALYST), "interval");
    add(interval, "duration", "3600");
    Roles.analystHourlyQuota().forEach((name, value) -> add(interval, name, value));

    Element roles = add(root, "roles");
    for (String role : List.of(Roles.ADMIN, Roles.WRITER, Roles.ANALYST)) {
      grants(add(roles, role), Roles.grants(role, objects));
    }

    Element users = add(root, "users");
    user(users, Roles.MIGRATOR_USER, "ccpulse_service", Roles.ADMIN);
    user(users, Roles.JOB_USER, Roles.WRITER, Roles.WRITER);
    analysts.forEach(
        (name, binding) -> {
          Element analyst = user(users, name, Roles.ANALYST, Roles.ANALYST);
          add(analyst, "quota", Roles.ANALYST);
          Element database = add(add(analyst, "databases"), objects.database());
          for (String table : objects.tenantTables()) {
            add(add(database, table), "filter", rowFilter(binding));
          }
        });
    return serialize(doc);
  }

  /** Writes the file readable by its owner only, replacing it atomically. */
  public void write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp =
        Files.createTempFile(
            dir,
            ".users",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, render(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private Element user(Element users, String name, String profile, String role) {
    String hash = passwordHashes.get(name);
    if (hash == null || !hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("No password (SHA-256) for user " + name);
    }
    Element user = add(users, name);
    add(user, "password_sha256_hex", hash);
    add(user, "profile", profile);
    grants(user, List.of("GRANT " + role));
    return user;
  }

  private static void grants(Element parent, List<String> queries) {
    Element grants = add(parent, "grants");
    queries.forEach(q -> add(grants, "query", q));
  }

  private static Element add(Element parent, String name) {
    Element e = parent.getOwnerDocument().createElement(name);
    parent.appendChild(e);
    return e;
  }

  private static Element add(Element parent, String name, String text) {
    Element e = add(parent, name);
    e.setTextContent(text);
    return e;
  }

  private static Document newDocument() {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String serialize(Document doc) {
    try {
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      StringWriter out = new StringWriter();
      out.write(
          "<?xml version=\"1.0\"?>\n<!-- Written by make access (io.ccpulse.clickhouse.access.AccessMain):"
              + " regenerate after a migration adds tables, and after changing analysts. -->\n");
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      transformer.transform(new DOMSource(doc), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
  }
}
