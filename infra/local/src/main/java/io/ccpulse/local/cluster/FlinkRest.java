package io.ccpulse.local.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The parts of Flink's REST API a data engineer uses to deploy (what the web UI's "Submit New Job"
 * does): upload a jar, run its main class with arguments, parallelism and a savepoint to start
 * from; follow a job; stop it with a savepoint. Works against any cluster by address.
 */
public final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Longer than the cluster's RPC timeout (60 s on a loaded build machine), so its errors come
   * first.
   */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

  private final Duration requestTimeout;
  private final String address;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param address e.g. {@code http://127.0.0.1:8081} or {@code https://flink.example.com}
   */
  public FlinkRest(String address) {
    this(address, REQUEST_TIMEOUT);
  }

  /**
   * @param requestTimeout how long a request waits for its answer
   */
  FlinkRest(String address, Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
    this.address = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
  }

  public String address() {
    return address;
  }

  /** {@code GET /overview}: taskmanagers, slots-total, slots-available, jobs-running, ... */
  public JsonNode overview() throws IOException {
    return get("/overview");
  }

  /** Uploads a jar ({@code POST /jars/upload}); returns its id for {@link #run}. */
  public String uploadJar(Path jar) throws IOException {
    String boundary = "ccpulse-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(Files.readAllBytes(jar));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    JsonNode answer =
        send(
            request("/jars/upload")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    String file = answer.path("filename").asText();
    if (file.isEmpty()) {
      throw new IOException("Upload of " + jar + " failed: " + answer);
    }
    return Path.of(file).getFileName().toString();
  }

  /**
   * Runs an uploaded jar's main class ({@code POST /jars/:id/run}) and returns the job id. One job
   * per run: the REST API refuses a main() that executes more than one.
   *
   * @param parallelism 0 for the cluster's default
   * @param savepoint a savepoint or retained checkpoint to start from, or null
   */
  public String run(
      String jarId,
      String entryClass,
      List<String> args,
      int parallelism,
      String savepoint,
      boolean allowNonRestoredState)
      throws IOException {
    ObjectNode request = JSON.createObjectNode();
    request.put("entryClass", entryClass);
    request.set("programArgsList", JSON.valueToTree(args));
    if (parallelism > 0) {
      request.put("parallelism", parallelism);
    }
    if (savepoint != null) {
      request.put("savepointPath", savepoint);
      request.put("allowNonRestoredState", allowNonRestoredState);
    }
    JsonNode answer = post("/jars/" + jarId + "/run", request);
    String job = answer.path("jobid").asText();
    if (job.isEmpty()) {
      throw new IOException("Run of " + jarId + " " + args + " failed: " + answer);
    }
    return job;
  }

  /** {@code GET /jobs/:id}: name, state (RUNNING, RESTARTING, ...), vertices with parallelism. */
  public JsonNode job(String jobId) throws IOException {
    return get("/jobs/" + jobId);
  }

  public String state(String jobId) throws IOException {
    return job(jobId).path("state").asText();
  }

  /** The id of the latest completed checkpoint, 0 with none. */
  public long latestCheckpoint(String jobId) throws IOException {
    return get("/jobs/" + jobId + "/checkpoints")
        .path("latest")
        .path("completed")
        .path("id")
        .asLong();
  }

  /** How many times the job restarted after a failure (its numRestarts metric). */
  public long restarts(String jobId) throws IOException {
    for (JsonNode m : get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
      return m.path("value").asLong();
    }
    return 0;
  }

  /** The TaskManagers (resource ids) that run the job's subtasks now. */
  public java.util.Set<String> taskManagersOf(String jobId) throws IOException {
    java.util.Set<String> ids = new java.util.TreeSet<>();
    for (JsonNode v : job(jobId).path("vertices")) {
      String path = "/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/taskmanagers";
      for (JsonNode tm : get(path).path("taskmanagers")) {
        ids.add(tm.path("taskmanager-id").asText());
      }
    }
    return ids;
  }

  /** The ids of the jobs not yet finished, failed or cancelled. */
  public List<String> activeJobs() throws IOException {
    List<String> ids = new java.util.ArrayList<>();
    for (JsonNode j : get("/jobs").path("jobs")) {
      if (!List.of("FINISHED", "FAILED", "CANCELED").contains(j.path("status").asText())) {
        ids.add(j.path("id").asText());
      }
    }
    return ids;
  }

  /** Whether the job and every one of its tasks are RUNNING (not restarting, not deploying). */
  public boolean allTasksRunning(String jobId) throws IOException {
    JsonNode job = job(jobId);
    if (!job.path("state").asText().equals("RUNNING")) {
      return false;
    }
    for (JsonNode v : job.path("vertices")) {
      if (!v.path("status").asText().equals("RUNNING")) {
        return false;
      }
    }
    return true;
  }

  /** The job's vertices' parallelism, e.g. [2, 2, 2] (max of all: the job's parallelism). */
  public int parallelism(String jobId) throws IOException {
    int max = 0;
    for (JsonNode v : job(jobId).path("vertices")) {
      max = Math.max(max, v.path("parallelism").asInt());
    }
    return max;
  }

  /**
   * Stops the job with a savepoint in {@code directory} (null: the cluster's savepoint dir) and
   * returns the savepoint's path ({@code flink stop}).
   */
  public String stopWithSavepoint(String jobId, String directory, Duration timeout)
      throws Exception {
    ObjectNode request = JSON.createObjectNode();
    if (directory != null) {
      request.put("targetDirectory", directory);
    }
    request.put("drain", false);
    String trigger = post("/jobs/" + jobId + "/stop", request).path("request-id").asText();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
      if (status.path("status").path("id").asText().equals("COMPLETED")) {
        JsonNode operation = status.path("operation");
        if (operation.has("failure-cause")) {
          throw new IOException("Stop with savepoint failed: " + operation.get("failure-cause"));
        }
        return operation.path("location").asText();
      }
      Thread.sleep(250);
    }
    throw new IOException("Stop with savepoint of " + jobId + " not done within " + timeout);
  }

  /** Cancels a job ({@code PATCH /jobs/:id}). */
  public void cancel(String jobId) throws IOException {
    send(
        request("/jobs/" + jobId + "?mode=cancel")
            .method("PATCH", HttpRequest.BodyPublishers.noBody())
            .build());
  }

  public JsonNode get(String path) throws IOException {
    return send(request(path).GET().build());
  }

  private JsonNode post(String path, JsonNode body) throws IOException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
  }

  /**
   * A request that gives up after its timeout: a port that accepts connections but never answers
   * (not a JobManager, or one stuck) is an error, not a wait without end.
   */
  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(address + path)).timeout(requestTimeout);
  }

  private JsonNode send(HttpRequest request) throws IOException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted: " + request.uri(), e);
    }
    String body = response.body();
    if (response.statusCode() >= 300) {
      throw new IOException(
          request.method() + " " + request.uri() + ": HTTP " + response.statusCode() + " " + body);
    }
    return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
  }
}
