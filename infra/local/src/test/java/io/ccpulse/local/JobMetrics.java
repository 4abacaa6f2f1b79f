package io.ccpulse.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * A running job's metrics as an operator reads them, through the Flink REST API of the test's
 * MiniCluster (refreshed about every 10 s there, so poll).
 */
final class JobMetrics {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI rest;
  private final JobID job;

  JobMetrics(MiniClusterExtension flink, JobID job) {
    Configuration client = flink.getClientConfiguration();
    this.rest =
        URI.create(
            "http://" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT) + "/");
    this.job = job;
  }

  /** How often the job restarted (Flink's job metric numRestarts). */
  long restarts() throws IOException, InterruptedException {
    JsonNode values = get("/jobs/" + job + "/metrics?get=numRestarts");
    return values.size() == 0 ? 0 : values.get(0).get("value").asLong();
  }

  /**
   * The sum over every operator and subtask of the metrics whose name ends with {@code .name} (e.g.
   * {@code rejected.OFFSETS_SKIPPED}); 0 while none is reported yet.
   */
  long sum(String name) throws IOException, InterruptedException {
    long total = 0;
    for (JsonNode vertex : get("/jobs/" + job).get("vertices")) {
      String base = "/jobs/" + job + "/vertices/" + vertex.get("id").asText() + "/subtasks/metrics";
      for (JsonNode metric : get(base)) {
        String id = metric.get("id").asText();
        if (id.endsWith("." + name)) {
          JsonNode values =
              get(base + "?agg=sum&get=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
          if (values.size() > 0) {
            total += values.get(0).get("sum").asLong();
          }
        }
      }
    }
    return total;
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }
}
