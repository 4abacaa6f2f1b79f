package io.ccpulse.pipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class InsertFailureTest {
  @Test
  void classifiesByClickHouseCode() {
    assertThat(InsertFailure.classify(new SQLException("Code: 252. Too many parts", "HY000", 252)))
        .isEqualTo(InsertFailure.RETRIABLE);
    assertThat(
            InsertFailure.classify(new SQLException("Code: 27. Cannot parse input", "HY000", 27)))
        .isEqualTo(InsertFailure.BAD_DATA);
    assertThat(InsertFailure.classify(new SQLException("Code: 60. Unknown table", "HY000", 60)))
        .isEqualTo(InsertFailure.FATAL);
    assertThat(
            InsertFailure.classify(
                new SQLException("Code: 516. Authentication failed", "HY000", 516)))
        .isEqualTo(InsertFailure.FATAL);
  }

  @Test
  void treatsAConnectionProblemWithoutACodeAsRetriable() {
    SQLException refused =
        new SQLException("Failed to connect", "08000", 0, new ConnectException("refused"));
    assertThat(InsertFailure.classify(refused)).isEqualTo(InsertFailure.RETRIABLE);
    assertThat(InsertFailure.classify(new SQLException("odd", "HY000", 0)))
        .isEqualTo(InsertFailure.FATAL);
  }
}
