package io.ccpulse.infra.clickhouse;

import io.ccpulse.infra.clickhouse.engine.ChdbEngine;
import io.ccpulse.infra.clickhouse.engine.ClickHouseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run in its own JVM by {@link SignalHandlingITCase}: loads chDB, then makes the JVM take the
 * signals it relies on (implicit null checks in compiled code, stack overflow) between queries.
 * Prints "OK" if the JVM survived them all; hangs or dies if chDB's handlers had replaced the
 * JVM's.
 */
public final class SignalProbe {

  private static Object nothing;

  public static void main(String[] args) throws Exception {
    try (ChdbEngine engine = ChdbEngine.open(Path.of(args[0]), Path.of(args[1]))) {
      query(engine, "SELECT 1");
      for (int round = 0; round < 3; round++) {
        nullChecks();
        stackOverflow();
        query(engine, "SELECT sum(number) FROM numbers(100000)");
      }
    }
    System.out.println("OK");
  }

  private static void query(ChdbEngine engine, String sql) throws ClickHouseException {
    ChdbEngine.Query query =
        new ChdbEngine.Query(
            "default", Map.of(), sql.getBytes(StandardCharsets.UTF_8), "TSV", Map.of());
    engine.execute(query).close();
  }

  /**
   * Hot enough to be JIT-compiled, where a null dereference is a SIGSEGV the JVM turns into an NPE.
   */
  private static void nullChecks() {
    int caught = 0;
    for (int i = 0; i < 200_000; i++) {
      try {
        caught += hash(i % 1000 == 0 ? nothing : "x");
      } catch (NullPointerException e) {
        caught++;
      }
    }
    if (caught == 0) {
      throw new AssertionError();
    }
  }

  private static int hash(Object o) {
    return o.hashCode() & 1;
  }

  private static void stackOverflow() {
    try {
      recurse(0);
      throw new AssertionError("no StackOverflowError");
    } catch (StackOverflowError expected) {
      // the JVM handled the guard page hit (a SIGSEGV)
    }
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }
}
