package io.ccpulse.infra.clickhouse.http;

import io.ccpulse.infra.clickhouse.engine.ChdbEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds, in the text of an HTTP request, where the SQL ends and an INSERT's data begins.
 *
 * <p>Why: chDB runs what it is given as a multi-statement script, so inline INSERT data cannot be
 * passed along (it would end at the first blank line and the rest would run as SQL). The data is
 * cut off here and sent through a file instead ({@link #insertFromFile}). The rules follow
 * ClickHouse's parser: data follows {@code FORMAT <name>} (after the rest of that line if it is
 * blank), or {@code VALUES} (then it is in the Values format).
 *
 * <p>Works on bytes: in UTF-8 no byte of a multi-byte character is ASCII, so every delimiter found
 * is a real one. The tokenizer knows strings ('' and \' escapes), quoted identifiers (` and "),
 * heredocs ($tag$...$tag$), comments (--, #, nested /* *&#47;) and brackets.
 */
final class SqlSplitter {

  private SqlSplitter() {}

  /** What the first statement of a request is. */
  record Statement(
      /** The first keyword in upper case ("SELECT", "INSERT", ...), "" if none. */
      String verb,
      /** End of the statement's last token: trailing ';', blanks and comments excluded. */
      int end,
      /** Whether a second statement follows a ';' (ClickHouse's HTTP interface refuses that). */
      boolean multiple,
      /** The statement's own trailing FORMAT clause (the output format it asks for), or null. */
      String format,
      /**
       * Start of a trailing SYNC of a DROP/DETACH, else -1 (chDB 26.5 never returns from those).
       */
      int syncStart,
      /** For an INSERT that carries data in the text, where it is; else null. */
      InsertData insert) {}

  /**
   * An INSERT with inline data: the text is {@code [0, infileAt)} = "INSERT INTO t (cols)", then
   * perhaps a SETTINGS clause, then at {@code clauseStart} "FORMAT name" or "VALUES", then from
   * {@code dataStart} the data in {@code format}.
   */
  record InsertData(int infileAt, int clauseStart, int dataStart, String format) {}

  /**
   * Analyzes {@code text[0, length)}. Empty if the answer may still change with more input ({@code
   * complete} false): a token runs to the end of what has been read, or an INSERT's data has not
   * started yet.
   */
  static Optional<Statement> analyze(byte[] text, int length, boolean complete) {
    Lexer lexer = new Lexer(text, length, complete);
    Token first = lexer.nextSignificant();
    if (first.type == Type.INCOMPLETE) {
      return Optional.empty();
    }
    String verb = first.type == Type.WORD ? first.text(text).toUpperCase(Locale.ROOT) : "";
    if (verb.equals("INSERT")) {
      InsertScan scan = scanInsert(lexer, text, length, complete);
      if (scan == InsertScan.NEED_MORE) {
        return Optional.empty();
      }
      if (scan.data != null) {
        return Optional.of(new Statement(verb, scan.data.dataStart, false, null, -1, scan.data));
      }
    }
    return scanStatement(new Lexer(text, length, complete), text, verb);
  }

  /**
   * The statement chDB runs for an INSERT whose data was written to {@code file}: "INSERT INTO t
   * (cols) FROM INFILE 'file' COMPRESSION 'none' [SETTINGS ...] FORMAT fmt".
   */
  static byte[] insertFromFile(byte[] text, InsertData insert, String file) {
    byte[] infile =
        (" FROM INFILE " + ChdbEngine.quoteString(file) + " COMPRESSION 'none' ")
            .getBytes(StandardCharsets.UTF_8);
    byte[] format = ("FORMAT " + insert.format()).getBytes(StandardCharsets.UTF_8);
    int settingsLength = insert.clauseStart() - insert.infileAt();
    byte[] sql = new byte[insert.infileAt() + infile.length + settingsLength + format.length];
    System.arraycopy(text, 0, sql, 0, insert.infileAt());
    System.arraycopy(infile, 0, sql, insert.infileAt(), infile.length);
    System.arraycopy(
        text, insert.infileAt(), sql, insert.infileAt() + infile.length, settingsLength);
    System.arraycopy(format, 0, sql, sql.length - format.length, format.length);
    return sql;
  }

  // ---- INSERT ----

  private static final class InsertScan {
    static final InsertScan NEED_MORE = new InsertScan(null);
    static final InsertScan NO_DATA = new InsertScan(null);
    final InsertData data;

    InsertScan(InsertData data) {
      this.data = data;
    }
  }

  /**
   * After "INSERT": INTO [TABLE] name | INTO FUNCTION f(...), optional (columns), then the clauses.
   */
  private static InsertScan scanInsert(Lexer lexer, byte[] text, int length, boolean complete) {
    Token t = lexer.nextSignificant();
    if (t.type == Type.INCOMPLETE) {
      return InsertScan.NEED_MORE;
    }
    if (!t.isWord(text, "INTO")) {
      return InsertScan.NO_DATA;
    }
    t = lexer.nextSignificant();
    if (t.isWord(text, "TABLE")) {
      t = lexer.nextSignificant();
    } else if (t.isWord(text, "FUNCTION")) {
      t = lexer.nextSignificant(); // the function's name; its arguments are skipped below
    }
    // The (qualified) table name: word or quoted, '.'-separated. Named FORMAT or VALUES is fine.
    if (t.type != Type.WORD && t.type != Type.QUOTED) {
      return t.type == Type.INCOMPLETE ? InsertScan.NEED_MORE : InsertScan.NO_DATA;
    }
    int infileAt = -1;
    while (true) {
      t = lexer.nextSignificant();
      if (t.type == Type.INCOMPLETE) {
        return InsertScan.NEED_MORE;
      }
      if (t.type == Type.END) {
        return complete ? InsertScan.NO_DATA : InsertScan.NEED_MORE;
      }
      if (lexer.depth > 0 || t.type == Type.CLOSE) {
        continue; // inside (columns) or f(args)
      }
      if (t.type == Type.PUNCT && t.is(text, '.')) {
        lexer.nextSignificant(); // db.table: skip the part after the dot
        continue;
      }
      if (t.type != Type.WORD) {
        continue;
      }
      String word = t.text(text).toUpperCase(Locale.ROOT);
      switch (word) {
        case "SETTINGS":
          if (infileAt < 0) {
            infileAt = t.start;
          }
          break;
        case "VALUES":
          // The Values format skips leading blanks itself.
          return new InsertScan(
              new InsertData(infileAt < 0 ? t.start : infileAt, t.start, t.end, "Values"));
        case "FORMAT":
          {
            Token name = lexer.nextSignificant();
            if (name.type == Type.INCOMPLETE) {
              return InsertScan.NEED_MORE;
            }
            if (name.type != Type.WORD) {
              return InsertScan.NO_DATA; // let chDB report the syntax error
            }
            int dataStart = dataAfterFormatName(text, length, name.end);
            if (dataStart < 0 && !complete) {
              return InsertScan.NEED_MORE;
            }
            return new InsertScan(
                new InsertData(
                    infileAt < 0 ? t.start : infileAt,
                    t.start,
                    dataStart < 0 ? length : dataStart,
                    name.text(text)));
          }
        case "SELECT":
        case "WITH":
        case "FROM": // FROM INFILE: the client names its own file
          return InsertScan.NO_DATA;
        default:
          break;
      }
    }
  }

  /**
   * ClickHouse: data starts after the first newline if only blanks precede it, else at the first
   * non-blank. Returns -1 if the text ends in those blanks (more input could still decide it).
   */
  private static int dataAfterFormatName(byte[] text, int length, int nameEnd) {
    int p = nameEnd;
    while (p < length && (text[p] == ' ' || text[p] == '\t' || text[p] == '\f')) {
      p++;
    }
    if (p < length && text[p] == '\r') {
      p++;
    }
    if (p < length && text[p] == '\n') {
      return p + 1;
    }
    return p < length ? p : -1;
  }

  // ---- any statement ----

  private static Optional<Statement> scanStatement(Lexer lexer, byte[] text, String verb) {
    List<Token> topLevel = new ArrayList<>();
    int end = 0;
    boolean afterSemicolon = false;
    boolean multiple = false;
    while (true) {
      Token t = lexer.nextSignificant();
      if (t.type == Type.INCOMPLETE) {
        return Optional.empty();
      }
      if (t.type == Type.END) {
        break;
      }
      if (afterSemicolon) {
        if (t.type == Type.PUNCT && t.is(text, ';')) {
          continue;
        }
        multiple = true;
        break;
      }
      if (lexer.depth == 0 && t.type == Type.PUNCT && t.is(text, ';')) {
        afterSemicolon = true;
        continue;
      }
      end = t.end;
      if (lexer.depth == 0 && t.type != Type.CLOSE) {
        topLevel.add(t);
      }
    }
    return Optional.of(
        new Statement(
            verb,
            end,
            multiple,
            trailingFormat(topLevel, text),
            trailingSync(verb, topLevel, text),
            null));
  }

  /**
   * Start of the SYNC ending a DROP/DETACH, unless that word is the object's name ("DROP TABLE
   * sync").
   */
  private static int trailingSync(String verb, List<Token> topLevel, byte[] text) {
    int n = topLevel.size();
    if (!(verb.equals("DROP") || verb.equals("DETACH"))
        || n < 3
        || !topLevel.get(n - 1).isWord(text, "SYNC")) {
      return -1;
    }
    Token before = topLevel.get(n - 2);
    for (String nameIntroducer : List.of("TABLE", "DATABASE", "VIEW", "DICTIONARY", "EXISTS")) {
      if (before.isWord(text, nameIntroducer)) {
        return -1;
      }
    }
    return before.type == Type.PUNCT && before.is(text, '.') ? -1 : topLevel.get(n - 1).start;
  }

  /** "... FORMAT name" at the end of the statement, or followed only by a SETTINGS clause. */
  private static String trailingFormat(List<Token> topLevel, byte[] text) {
    for (int i = topLevel.size() - 2; i >= 1; i--) {
      Token keyword = topLevel.get(i);
      Token name = topLevel.get(i + 1);
      if (keyword.isWord(text, "FORMAT") && name.type == Type.WORD) {
        boolean last = i + 2 == topLevel.size() || topLevel.get(i + 2).isWord(text, "SETTINGS");
        return last ? name.text(text) : null;
      }
    }
    return null;
  }

  // ---- tokenizer ----

  enum Type {
    WORD,
    QUOTED,
    STRING,
    PUNCT,
    OPEN,
    CLOSE,
    END,
    INCOMPLETE
  }

  static final class Token {
    final Type type;
    final int start;
    final int end;

    Token(Type type, int start, int end) {
      this.type = type;
      this.start = start;
      this.end = end;
    }

    String text(byte[] text) {
      return new String(text, start, end - start, StandardCharsets.UTF_8);
    }

    boolean isWord(byte[] text, String upper) {
      if (type != Type.WORD || end - start != upper.length()) {
        return false;
      }
      for (int i = 0; i < upper.length(); i++) {
        if (Character.toUpperCase((char) text[start + i]) != upper.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    boolean is(byte[] text, char c) {
      return end - start == 1 && text[start] == c;
    }
  }

  /** Tokens, skipping blanks and comments; tracks bracket depth (after the token returned). */
  static final class Lexer {
    private final byte[] b;
    private final int length;
    private final boolean complete;
    private int pos;
    int depth;

    Lexer(byte[] text, int length, boolean complete) {
      this.b = text;
      this.length = length;
      this.complete = complete;
    }

    Token nextSignificant() {
      while (true) {
        while (pos < length && isBlank(b[pos])) {
          pos++;
        }
        if (pos >= length) {
          return new Token(Type.END, pos, pos);
        }
        int start = pos;
        byte c = b[pos];
        if (c == '-' && peek(1) == '-' || c == '#' && (peek(1) == ' ' || peek(1) == '!')) {
          if (!skipLineComment()) {
            return incomplete(start);
          }
          continue;
        }
        if (c == '/' && peek(1) == '*') {
          if (!skipBlockComment()) {
            return incomplete(start);
          }
          continue;
        }
        if (c == '-' && pos + 1 == length
            || c == '/' && pos + 1 == length
            || c == '#' && pos + 1 == length) {
          if (!complete) {
            return incomplete(start); // could be the start of a comment
          }
        }
        if (c == '\'' || c == '`' || c == '"') {
          return quoted(start, c, c == '\'' ? Type.STRING : Type.QUOTED);
        }
        if (c == '$') {
          Token heredoc = heredoc(start);
          if (heredoc != null) {
            return heredoc;
          }
        }
        if (isWordByte(c)) {
          while (pos < length && isWordByte(b[pos])) {
            pos++;
          }
          // A word that reaches the end of the input may go on in the next read.
          return pos == length && !complete ? incomplete(start) : new Token(Type.WORD, start, pos);
        }
        pos++;
        if (c == '(' || c == '[' || c == '{') {
          depth++;
          return new Token(Type.OPEN, start, pos);
        }
        if (c == ')' || c == ']' || c == '}') {
          depth = Math.max(0, depth - 1);
          return new Token(Type.CLOSE, start, pos);
        }
        return new Token(Type.PUNCT, start, pos);
      }
    }

    private Token incomplete(int start) {
      if (complete) {
        pos = length; // unterminated at the very end: chDB will report it
        return new Token(Type.END, start, length);
      }
      return new Token(Type.INCOMPLETE, start, length);
    }

    private int peek(int ahead) {
      return pos + ahead < length ? b[pos + ahead] : -1;
    }

    private boolean skipLineComment() {
      while (pos < length && b[pos] != '\n') {
        pos++;
      }
      return pos < length || complete;
    }

    /** ClickHouse nests block comments. */
    private boolean skipBlockComment() {
      int nesting = 0;
      while (pos + 1 < length) {
        if (b[pos] == '/' && b[pos + 1] == '*') {
          nesting++;
          pos += 2;
        } else if (b[pos] == '*' && b[pos + 1] == '/') {
          nesting--;
          pos += 2;
          if (nesting == 0) {
            return true;
          }
        } else {
          pos++;
        }
      }
      pos = length;
      return false;
    }

    /** '...', `...` or "...": backslash escapes the next byte; a doubled quote is a quote. */
    private Token quoted(int start, byte quote, Type type) {
      pos++;
      while (pos < length) {
        byte c = b[pos];
        if (c == '\\') {
          pos += 2;
        } else if (c == quote) {
          if (pos + 1 < length && b[pos + 1] == quote) {
            pos += 2;
          } else if (pos + 1 == length && !complete) {
            return incomplete(start); // could be the first half of a doubled quote
          } else {
            pos++;
            return new Token(type, start, pos);
          }
        } else {
          pos++;
        }
      }
      return incomplete(start);
    }

    /** $tag$ ... $tag$ (tag may be empty); null if the '$' does not open one. */
    private Token heredoc(int start) {
      int p = start + 1;
      while (p < length && isWordByte(b[p]) && b[p] != '$') {
        p++;
      }
      if (p >= length) {
        return complete ? null : incomplete(start);
      }
      if (b[p] != '$') {
        return null;
      }
      int tagLength = p + 1 - start;
      for (int i = p + 1; i + tagLength <= length; i++) {
        if (b[i] == '$' && regionEquals(start, i, tagLength)) {
          pos = i + tagLength;
          return new Token(Type.STRING, start, pos);
        }
      }
      pos = length;
      return incomplete(start);
    }

    private boolean regionEquals(int a, int c, int n) {
      for (int i = 0; i < n; i++) {
        if (b[a + i] != b[c + i]) {
          return false;
        }
      }
      return true;
    }

    private static boolean isBlank(byte c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /** Letters, digits, '_' and any non-ASCII byte (UTF-8 letters in identifiers). */
    private static boolean isWordByte(byte c) {
      return c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '_'
          || c < 0;
    }
  }
}
