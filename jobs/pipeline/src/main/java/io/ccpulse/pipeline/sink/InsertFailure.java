package io.ccpulse.pipeline.sink;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Sorts a failed INSERT into what a retry can fix, what bad rows caused, and what needs a person.
 */
public enum InsertFailure {
  /** Network trouble, timeouts, an overloaded or restarting server: retry with backoff. */
  RETRIABLE,
  /** ClickHouse could not parse or convert the rows: retrying the same batch cannot help. */
  BAD_DATA,
  /** Schema, permission or configuration errors (unknown table, auth): stop and tell. */
  FATAL;

  // ClickHouse error codes (src/Common/ErrorCodes.cpp).
  private static final Set<Integer> RETRIABLE_CODES =
      Set.of(
          3, // UNEXPECTED_END_OF_FILE
          159, // TIMEOUT_EXCEEDED
          164, // READONLY (replica restarting)
          202, // TOO_MANY_SIMULTANEOUS_QUERIES
          203, // NO_FREE_CONNECTION
          209, // SOCKET_TIMEOUT
          210, // NETWORK_ERROR
          241, // MEMORY_LIMIT_EXCEEDED
          242, // TABLE_IS_READ_ONLY
          252, // TOO_MANY_PARTS
          285, // TOO_FEW_LIVE_REPLICAS
          319, // UNKNOWN_STATUS_OF_INSERT
          425, // SYSTEM_ERROR
          999, // KEEPER_EXCEPTION
          1000); // POCO_EXCEPTION
  private static final Set<Integer> BAD_DATA_CODES =
      Set.of(
          6, // CANNOT_PARSE_TEXT
          26, // CANNOT_PARSE_QUOTED_STRING
          27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
          33, // CANNOT_READ_ALL_DATA
          38, // CANNOT_PARSE_DATE
          41, // CANNOT_PARSE_DATETIME
          53, // TYPE_MISMATCH
          62, // SYNTAX_ERROR (a value that broke the statement)
          69, // ARGUMENT_OUT_OF_BOUND
          70, // CANNOT_CONVERT_TYPE
          72, // CANNOT_PARSE_NUMBER
          117, // INCORRECT_DATA
          349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
          469); // VIOLATED_CONSTRAINT (a row the table's CHECK refuses)

  public static InsertFailure classify(SQLException e) {
    int code = e.getErrorCode();
    if (RETRIABLE_CODES.contains(code)) {
      return RETRIABLE;
    }
    if (BAD_DATA_CODES.contains(code)) {
      return BAD_DATA;
    }
    if (code == 0 && (e instanceof SQLTransientException || hasIoCause(e))) {
      return RETRIABLE;
    }
    return FATAL;
  }

  /** Connection refused, timed out, reset: any I/O failure under the driver's exception. */
  private static boolean hasIoCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
