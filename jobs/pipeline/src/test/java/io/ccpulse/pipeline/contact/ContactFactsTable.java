package io.ccpulse.pipeline.contact;

import io.ccpulse.pipeline.sink.OutputTable;
import io.ccpulse.pipeline.sink.OutputTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * contact_facts as ClickHouse keeps it and analysts read it: the rows the job's declaration ({@link
 * OutputTables#CONTACT_FACTS}) makes of each fact, in a ReplacingMergeTree(version, is_deleted)
 * ordered by V004's key, read with FINAL: of each key the row of the highest version, none if that
 * row is a deleting one. Two rows of one key with the same version are refused: which one FINAL
 * keeps then depends on the parts they landed in.
 */
final class ContactFactsTable {
  /** V004's ORDER BY: a row replaces another only if all of these are equal. */
  static final List<String> KEY =
      List.of("tenant_id", "interaction_id", "fact", "agent_id", "queue_id", "at");

  private static final Set<String> NOT_SHOWN = Set.of("version", "is_deleted");

  private final Map<List<Object>, Map<String, Object>> latest = new HashMap<>();

  /** Writes what the job sends to the table (not the leg starts: PipelineJob filters those). */
  void insertAll(List<ContactFact> facts) {
    facts.stream().filter(f -> f.kind != FactKind.LEG_STARTED).forEach(this::insert);
  }

  void insert(ContactFact fact) {
    Map<String, Object> row = row(fact);
    List<Object> key = key(row);
    Map<String, Object> held = latest.get(key);
    long version = (Long) row.get("version");
    if (held != null && (Long) held.get("version") == version) {
      throw new AssertionError(
          "two rows of key " + key + " with version " + version + ": " + held + " and " + row);
    }
    if (held == null || version > (Long) held.get("version")) {
      latest.put(key, row);
    }
  }

  /** The rows SELECT ... FINAL returns: every column but version and is_deleted, sorted. */
  List<String> finalRows() {
    List<String> rows = new ArrayList<>();
    for (Map<String, Object> row : latest.values()) {
      if ((Long) row.get("is_deleted") == 0) {
        StringBuilder shown = new StringBuilder();
        row.forEach(
            (column, value) -> {
              if (!NOT_SHOWN.contains(column)) {
                shown.append(column).append('=').append(value).append(' ');
              }
            });
        rows.add(shown.toString().trim());
      }
    }
    return rows.stream().sorted().toList();
  }

  /** The key of the row the job writes for {@code fact}. */
  static List<Object> key(ContactFact fact) {
    return key(row(fact));
  }

  private static List<Object> key(Map<String, Object> row) {
    return KEY.stream().map(row::get).toList();
  }

  private static Map<String, Object> row(ContactFact fact) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (OutputTable.Column<ContactFact> column : OutputTables.CONTACT_FACTS.columns()) {
      row.put(column.name(), column.value(fact));
    }
    return row;
  }
}
