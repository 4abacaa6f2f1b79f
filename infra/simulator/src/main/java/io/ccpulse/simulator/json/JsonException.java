package io.ccpulse.simulator.json;

/** Malformed JSON, with the 1-based column where reading stopped. */
public final class JsonException extends RuntimeException {
  private final int column;

  public JsonException(String message, int column) {
    super(message + " at column " + column);
    this.column = column;
  }

  /** 1-based position in the text where the problem was found. */
  public int column() {
    return column;
  }
}
