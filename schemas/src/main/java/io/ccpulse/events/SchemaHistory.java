package io.ccpulse.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Every released version of one event schema, oldest first.
 *
 * <p>Released versions live on the classpath under {@code ccpulse/avro-history/<Name>/v<N>.avsc}. A
 * release never changes an old file; it adds the next one. Readers resolve any of them to the
 * current schema, which is what lets producers and the job upgrade independently, without a
 * registry.
 */
public final class SchemaHistory {
  private static final String ROOT = "ccpulse/avro-history/";

  private final String recordName;
  private final List<Schema> versions;
  private final long[] fingerprints;

  private SchemaHistory(String recordName, List<Schema> versions) {
    this.recordName = recordName;
    this.versions = List.copyOf(versions);
    this.fingerprints =
        versions.stream().mapToLong(SchemaNormalization::parsingFingerprint64).toArray();
  }

  /** Loads the released versions of the named record (e.g. "InteractionEvent"). */
  public static SchemaHistory of(String recordName) {
    List<Schema> versions = new ArrayList<>();
    ClassLoader loader = SchemaHistory.class.getClassLoader();
    for (int v = 1; ; v++) {
      String path = ROOT + recordName + "/v" + v + ".avsc";
      try (InputStream in = loader.getResourceAsStream(path)) {
        if (in == null) {
          break;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new IllegalStateException("Cannot read released schema " + path, e);
      }
    }
    if (versions.isEmpty()) {
      throw new IllegalStateException(
          "No released schema versions for " + recordName + " under " + ROOT);
    }
    return new SchemaHistory(recordName, versions);
  }

  public String recordName() {
    return recordName;
  }

  /** Released versions, index 0 is v1. */
  public List<Schema> versions() {
    return versions;
  }

  /** The version number (1-based) whose fingerprint this is, or 0 if none is. */
  public int versionOf(long fingerprint) {
    for (int i = 0; i < fingerprints.length; i++) {
      if (fingerprints[i] == fingerprint) {
        return i + 1;
      }
    }
    return 0;
  }
}
