package io.ccpulse.pipeline.sink;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** DateTime64(3, 'UTC') values for the driver: an explicit UTC offset, whatever the JVM's zone. */
public final class Times {
  private Times() {}

  public static OffsetDateTime utc(long epochMillis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }
}
