package io.ccpulse.infra.kafka;

/**
 * The local broker did not come up: busy port, locked or foreign data dir, or no answer in time.
 */
public class KafkaStartException extends RuntimeException {

  public KafkaStartException(String message) {
    super(message);
  }

  public KafkaStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
