package io.ccpulse.simulator.output;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Topic creation, and waiting until the broker really serves a topic.
 *
 * <p>The controller acknowledges a new topic before the broker hosts its partitions. An idempotent
 * producer whose first batch is refused then (NOT_LEADER_OR_FOLLOWER) while later batches succeed
 * retries the first one forever (OUT_OF_ORDER_SEQUENCE_NUMBER) until the delivery timeout. So
 * before producing we wait until every partition answers a list-offsets request, which needs the
 * partition's log to exist on its leader.
 */
final class TopicAdmin {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private TopicAdmin() {}

  /**
   * Creates the missing topics with {@code partitions} partitions, then waits until all are served.
   */
  static void create(
      String bootstrapServers, Map<String, Object> overrides, Set<String> names, int partitions) {
    run(
        bootstrapServers,
        overrides,
        admin -> {
          Set<String> existing =
              admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
          List<NewTopic> missing = new ArrayList<>();
          for (String name : names) {
            if (!existing.contains(name)) {
              missing.add(new NewTopic(name, Optional.of(partitions), Optional.empty()));
            }
          }
          if (!missing.isEmpty()) {
            try {
              admin.createTopics(missing).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
              // Created meanwhile by someone else: fine, it is awaited below like any other.
              if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
              }
            }
          }
          awaitServed(admin, names);
        });
  }

  /**
   * Waits until those of the topics that exist are served (missing ones are left to auto-creation).
   */
  static void awaitExisting(
      String bootstrapServers, Map<String, Object> overrides, Set<String> names) {
    run(
        bootstrapServers,
        overrides,
        admin -> {
          Set<String> existing =
              new HashSet<>(
                  admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
          existing.retainAll(names);
          if (!existing.isEmpty()) {
            awaitServed(admin, existing);
          }
        });
  }

  private static void awaitServed(Admin admin, Set<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!served(admin, names)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "topics " + names + " not served after " + TIMEOUT.toSeconds() + " s");
      }
      Thread.sleep(20);
    }
  }

  private static boolean served(Admin admin, Set<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      Map<String, TopicDescription> d =
          admin
              .describeTopics(names)
              .allTopicNames()
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
      for (TopicDescription t : d.values()) {
        for (var p : t.partitions()) {
          if (p.leader() == null) {
            return false;
          }
          partitions.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest());
        }
      }
      admin.listOffsets(partitions).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RetriableException) {
        return false;
      }
      throw e;
    }
  }

  private interface AdminCall {
    void run(Admin admin) throws InterruptedException, ExecutionException, TimeoutException;
  }

  private static void run(String bootstrapServers, Map<String, Object> overrides, AdminCall call) {
    Map<String, Object> config = new HashMap<>(overrides);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(config)) {
      call.run(admin);
    } catch (ExecutionException e) {
      throw new KafkaException(
          "Kafka at " + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaException(
          "Kafka at " + bootstrapServers + " did not answer in time: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while talking to Kafka at " + bootstrapServers, e);
    }
  }
}
