package io.ccpulse.infra.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Explicit topic creation that returns only once producers and consumers can use the topic. */
final class Topics {

  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 20;

  private final Admin admin;

  Topics(Admin admin) {
    this.admin = admin;
  }

  void create(String name, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try {
      admin
          .createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty())))
          .all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "Cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
      }
      // Exists already (idempotent create); checked against the partition count below.
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Creating topic " + name + " timed out after " + TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topic " + name, e);
    }
    awaitLeaders(name, partitions, deadline);
  }

  /**
   * The controller acknowledges before the broker has applied the new metadata; describeTopics
   * answers from the broker's own metadata, so leaders there mean the broker serves the topic.
   */
  private void awaitLeaders(String name, int partitions, long deadline) {
    while (true) {
      TopicDescription d = describe(name);
      if (d != null) {
        if (d.partitions().size() != partitions) {
          throw new IllegalArgumentException(
              "Topic "
                  + name
                  + " already exists with "
                  + d.partitions().size()
                  + " partitions, not "
                  + partitions);
        }
        if (d.partitions().stream().allMatch(p -> p.leader() != null && p.leader().id() >= 0)
            && partitionsAnswer(name, partitions)) {
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Topic "
                + name
                + " has no leader for all partitions after "
                + TIMEOUT.toSeconds()
                + " s");
      }
      pause();
    }
  }

  /**
   * A leader in the metadata is not yet a partition the broker hosts: a producer whose first batch
   * is refused then retries it out of sequence for minutes. A list-offsets answer from every
   * partition means the log exists.
   */
  private boolean partitionsAnswer(String name, int partitions) {
    Map<TopicPartition, OffsetSpec> all = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      all.put(new TopicPartition(name, p), OffsetSpec.latest());
    }
    try {
      admin.listOffsets(all).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false; // not hosted yet: poll again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for topic " + name, e);
    }
  }

  /** null while the broker does not know the topic yet. */
  private TopicDescription describe(String name) {
    try {
      return admin
          .describeTopics(List.of(name))
          .allTopicNames()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .get(name);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw new IllegalStateException(
          "Cannot describe topic " + name + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Describing topic " + name + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while describing topic " + name, e);
    }
  }

  /** The polling interval of the deadline loops (no fixed sleeps elsewhere). */
  static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
