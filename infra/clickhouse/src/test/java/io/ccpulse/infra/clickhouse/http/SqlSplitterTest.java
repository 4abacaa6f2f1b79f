package io.ccpulse.infra.clickhouse.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

  private static SqlSplitter.Statement analyze(String sql) {
    byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
    return SqlSplitter.analyze(bytes, bytes.length, true).orElseThrow();
  }

  private static Optional<SqlSplitter.Statement> partial(String sql) {
    byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
    return SqlSplitter.analyze(bytes, bytes.length, false);
  }

  /** The data part of an INSERT, as the bytes after dataStart. */
  private static String data(String sql) {
    SqlSplitter.Statement s = analyze(sql);
    assertThat(s.insert()).as("inline data in %s", sql).isNotNull();
    byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
    return new String(
        bytes,
        s.insert().dataStart(),
        bytes.length - s.insert().dataStart(),
        StandardCharsets.UTF_8);
  }

  private static String rewritten(String sql) {
    SqlSplitter.Statement s = analyze(sql);
    return new String(
        SqlSplitter.insertFromFile(sql.getBytes(StandardCharsets.UTF_8), s.insert(), "/tmp/x.bin"),
        StandardCharsets.UTF_8);
  }

  @Test
  void valuesDataStartsRightAfterTheKeyword() {
    assertThat(data("INSERT INTO t VALUES (1, 'a'), (2, 'b')")).isEqualTo(" (1, 'a'), (2, 'b')");
    assertThat(data("insert into db.t (a, b) values(1,'x\n\ny')")).isEqualTo("(1,'x\n\ny')");
    assertThat(analyze("INSERT INTO t VALUES (1)").insert().format()).isEqualTo("Values");
    assertThat(rewritten("INSERT INTO t (a, b) VALUES (1, 2)"))
        .isEqualTo(
            "INSERT INTO t (a, b)  FROM INFILE '/tmp/x.bin' COMPRESSION 'none' FORMAT Values");
  }

  @Test
  void formatDataStartsAfterTheRestOfTheLine() {
    assertThat(data("INSERT INTO t FORMAT TSV\na\n\nb\n")).isEqualTo("a\n\nb\n");
    assertThat(data("INSERT INTO t FORMAT TSV  \r\n\n1\n")).isEqualTo("\n1\n");
    assertThat(data("INSERT INTO t FORMAT CSV 1,2\n")).isEqualTo("1,2\n");
    assertThat(data("INSERT INTO t FORMAT RowBinary\n\u0000\u0001\n\n"))
        .isEqualTo("\u0000\u0001\n\n");
    assertThat(analyze("INSERT INTO t FORMAT RowBinary\n").insert().format())
        .isEqualTo("RowBinary");
    assertThat(rewritten("INSERT INTO `my table` (`a`) FORMAT RowBinary\nxyz"))
        .isEqualTo(
            "INSERT INTO `my table` (`a`)  FROM INFILE '/tmp/x.bin' COMPRESSION 'none' FORMAT RowBinary");
  }

  @Test
  void settingsClauseStaysAfterTheInfile() {
    assertThat(rewritten("INSERT INTO t SETTINGS async_insert = 0 VALUES (1)"))
        .isEqualTo(
            "INSERT INTO t  FROM INFILE '/tmp/x.bin' COMPRESSION 'none' SETTINGS async_insert = 0 FORMAT Values");
    assertThat(rewritten("INSERT INTO t SETTINGS format_csv_delimiter = ';' FORMAT CSV\n1;2"))
        .isEqualTo(
            "INSERT INTO t  FROM INFILE '/tmp/x.bin' COMPRESSION 'none' SETTINGS format_csv_delimiter = ';' FORMAT CSV");
  }

  @Test
  void keywordsInNamesStringsAndCommentsAreNotClauses() {
    assertThat(data("INSERT INTO format (values, `format`) VALUES (1, 2)")).isEqualTo(" (1, 2)");
    assertThat(data("INSERT INTO db.values VALUES (1)")).isEqualTo(" (1)");
    assertThat(data("INSERT /* VALUES (9) */ INTO t -- FORMAT CSV\n VALUES (1)")).isEqualTo(" (1)");
    assertThat(data("INSERT INTO \"VALUES\" FORMAT JSONEachRow\n{}")).isEqualTo("{}");
    assertThat(data("INSERT INTO FUNCTION file('values.csv', 'CSV', 'a String') VALUES ('x')"))
        .isEqualTo(" ('x')");
  }

  @Test
  void insertsWithoutInlineDataRunAsTheyAre() {
    assertThat(analyze("INSERT INTO t SELECT * FROM numbers(3)").insert()).isNull();
    assertThat(analyze("INSERT INTO t (a) SELECT 1 FORMAT TSV").insert()).isNull();
    assertThat(analyze("INSERT INTO t FROM INFILE 'f.csv' FORMAT CSV").insert()).isNull();
    assertThat(analyze("INSERT INTO t WITH 1 AS x SELECT x").insert()).isNull();
    assertThat(analyze("INSERT INTO t SELECT * FROM values('a UInt8', 1)").verb())
        .isEqualTo("INSERT");
  }

  @Test
  void partialInputAsksForMoreUntilTheDataStartIsCertain() {
    assertThat(partial("INSERT INTO t VALU")).isEmpty();
    assertThat(partial("INSERT INTO t FORMAT Row")).isEmpty();
    assertThat(partial("INSERT INTO t FORMAT RowBinary  ")).isEmpty();
    assertThat(partial("INSERT INTO t /* comment")).isEmpty();
    assertThat(partial("INSERT INTO t VALUES (")).isPresent();
    assertThat(partial("INSERT INTO t FORMAT RowBinary\n")).isPresent();
    assertThat(partial("SELECT 'unterminated")).isEmpty();
  }

  @Test
  void trailingSemicolonsAndCommentsAreDroppedAndASecondStatementIsSeen() {
    SqlSplitter.Statement single = analyze("SELECT 1; -- done\n;;");
    assertThat(single.multiple()).isFalse();
    assertThat(single.end()).isEqualTo("SELECT 1".length());
    assertThat(analyze("SELECT 1; SELECT 2").multiple()).isTrue();
    assertThat(analyze("SELECT ';' , \"a;b\", `c;d`, $$e;f$$").multiple()).isFalse();
    assertThat(analyze("SELECT 'it''s; \\' fine'; ").multiple()).isFalse();
    assertThat(analyze("SELECT /* a /* nested */ ; */ 1").multiple()).isFalse();
    assertThat(analyze("# a comment; really\nSELECT 1").multiple()).isFalse();
  }

  @Test
  void aTrailingFormatClauseIsTheOutputFormat() {
    assertThat(analyze("SELECT 1 FORMAT JSONEachRow").format()).isEqualTo("JSONEachRow");
    assertThat(analyze("SELECT 1 FORMAT CSV;").format()).isEqualTo("CSV");
    assertThat(analyze("SELECT 1 FORMAT JSON SETTINGS max_threads = 1").format()).isEqualTo("JSON");
    assertThat(analyze("SELECT format('{}', 'x')").format()).isNull();
    assertThat(analyze("SELECT 1 AS format FROM t").format()).isNull();
    assertThat(analyze("SELECT * FROM (SELECT 1 FORMAT TSV)").format()).isNull();
    assertThat(analyze("SELECT 1").format()).isNull();
  }

  @Test
  void verbAndSyncOfDrop() {
    assertThat(analyze("  -- hi\n select 1").verb()).isEqualTo("SELECT");
    assertThat(analyze("SET max_threads = 1").verb()).isEqualTo("SET");
    assertThat(analyze("").verb()).isEmpty();
    assertThat(analyze("").end()).isZero();
    SqlSplitter.Statement drop = analyze("DROP TABLE t SYNC;");
    assertThat(drop.syncStart()).isEqualTo("DROP TABLE t ".length());
    assertThat(analyze("DROP TABLE sync").syncStart()).isEqualTo(-1); // a table named sync
    assertThat(analyze("DROP TABLE IF EXISTS sync").syncStart()).isEqualTo(-1);
    assertThat(analyze("DROP TABLE db.sync").syncStart()).isEqualTo(-1);
    assertThat(analyze("DETACH TABLE t PERMANENTLY SYNC").syncStart())
        .isEqualTo("DETACH TABLE t PERMANENTLY ".length());
    assertThat(analyze("SELECT 1 AS sync").syncStart()).isEqualTo(-1);
  }

  @Test
  void utf8IsHandledAsBytes() {
    String sql = "INSERT INTO t VALUES ('ünï ✓ \n\n')";
    assertThat(data(sql)).isEqualTo(" ('ünï ✓ \n\n')");
    assertThat(analyze("SELECT 'ü;' AS ✓").multiple()).isFalse();
  }
}
