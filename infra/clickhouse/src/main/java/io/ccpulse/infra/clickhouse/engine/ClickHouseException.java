package io.ccpulse.infra.clickhouse.engine;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ClickHouse error as the HTTP interface reports it: the numeric code (sent as
 * X-ClickHouse-Exception-Code, which the driver turns into SQLException.getErrorCode()) and the
 * "Code: N. DB::Exception: ..." text.
 */
public final class ClickHouseException extends Exception {

  // Codes we raise ourselves; the names are ClickHouse's.
  public static final int CHECKSUM_DOESNT_MATCH = 40;
  public static final int SYNTAX_ERROR = 62;
  public static final int UNKNOWN_SETTING = 115;
  public static final int READONLY = 164;
  public static final int QUERY_IS_TOO_LARGE = 229;
  public static final int CANNOT_DECOMPRESS = 271;
  static final int UNKNOWN_EXCEPTION = 1002;

  private static final Pattern CODE = Pattern.compile("Code:\\s*(\\d+)");

  private final int code;

  public ClickHouseException(int code, String message) {
    super(message);
    this.code = code;
  }

  /** Wraps chDB's error text, which normally starts "Code: N. DB::Exception: ...". */
  static ClickHouseException fromChdb(String text) {
    return new ClickHouseException(parseCode(text), text.strip());
  }

  /** N from the first "Code: N" in the text, else 1002 (UNKNOWN_EXCEPTION), as ClickHouse does. */
  static int parseCode(String text) {
    Matcher m = CODE.matcher(text);
    if (m.find()) {
      try {
        return Integer.parseInt(m.group(1));
      } catch (NumberFormatException e) {
        return UNKNOWN_EXCEPTION;
      }
    }
    return UNKNOWN_EXCEPTION;
  }

  public int code() {
    return code;
  }

  /**
   * The response body: chDB's text already has the ClickHouse form; our own messages get it here.
   */
  public String body() {
    String message = getMessage();
    String text =
        message.startsWith("Code:") ? message : "Code: " + code + ". DB::Exception: " + message;
    return text + "\n";
  }

  /** The HTTP status ClickHouse gives the code (src/Server/HTTP/exceptionCodeToHTTPStatus.cpp). */
  public int httpStatus() {
    return httpStatus(code);
  }

  public static int httpStatus(int code) {
    if (code == 194) { // REQUIRED_PASSWORD
      return 401;
    }
    if (FORBIDDEN.contains(code)) {
      return 403;
    }
    if (BAD_REQUEST.contains(code)) {
      return 400;
    }
    if (NOT_FOUND.contains(code)) {
      return 404;
    }
    switch (code) {
      case QUERY_IS_TOO_LARGE:
        return 413;
      case 48:
        return 501; // NOT_IMPLEMENTED
      case 209:
      case 76:
      case 439:
        return 503; // SOCKET_TIMEOUT, CANNOT_OPEN_FILE, CANNOT_SCHEDULE_TASK
      case 381:
        return 411; // HTTP_LENGTH_REQUIRED
      case 159:
        return 408; // TIMEOUT_EXCEEDED
      default:
        return 500;
    }
  }

  // UNKNOWN_USER, WRONG_PASSWORD, AUTHENTICATION_FAILED, SET_NON_GRANTED_ROLE, ACCESS_DENIED
  private static final Set<Integer> FORBIDDEN = Set.of(192, 193, 516, 512, 497);
  // BAD_ARGUMENTS, CANNOT_COMPILE_REGEXP, CANNOT_PARSE_*, DUPLICATE_COLUMN, ILLEGAL_COLUMN,
  // UNKNOWN_ELEMENT_IN_AST, UNKNOWN_TYPE_OF_AST_NODE, THERE_IS_NO_COLUMN, TOO_DEEP_AST,
  // TOO_BIG_AST,
  // UNEXPECTED_AST_STRUCTURE, SYNTAX_ERROR, INCORRECT_DATA, TYPE_MISMATCH,
  // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
  private static final Set<Integer> BAD_REQUEST =
      Set.of(
          36, 427, 6, 25, 26, 38, 41, 72, 441, 675, 676, 27, 376, 15, 44, 37, 123, 8, 167, 168, 223,
          62, 117, 53, 321);
  // UNKNOWN_TABLE, UNKNOWN_FUNCTION, UNKNOWN_IDENTIFIER, UNKNOWN_TYPE, UNKNOWN_STORAGE,
  // UNKNOWN_DATABASE,
  // UNKNOWN_SETTING, UNKNOWN_DIRECTION_OF_SORTING, UNKNOWN_AGGREGATE_FUNCTION, UNKNOWN_FORMAT,
  // UNKNOWN_DATABASE_ENGINE, UNKNOWN_TYPE_OF_QUERY, UNKNOWN_ROLE
  private static final Set<Integer> NOT_FOUND =
      Set.of(60, 46, 47, 50, 56, 81, 115, 152, 63, 73, 336, 78, 511);
}
