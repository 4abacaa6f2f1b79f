package io.ccpulse.local.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records of some topics a consumer group has not committed yet. The job's Kafka sources
 * commit their offsets when a checkpoint completes, so none left means a completed checkpoint holds
 * the state after every record published so far.
 */
final class GroupLag implements AutoCloseable {
  private final Admin admin;
  private final String group;
  private final List<TopicPartition> partitions;

  GroupLag(String bootstrapServers, String group, List<String> topics, int partitions) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    this.group = group;
    this.partitions =
        topics.stream()
            .flatMap(t -> IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(t, p)))
            .toList();
  }

  /** Records published but not committed by the group, over every partition. */
  long behind() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(30, TimeUnit.SECONDS);
    Map<TopicPartition, ListOffsetsResultInfo> ends =
        admin
            .listOffsets(
                partitions.stream()
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
            .all()
            .get(30, TimeUnit.SECONDS);
    long behind = 0;
    for (TopicPartition p : partitions) {
      OffsetAndMetadata c = committed.get(p); // null (or absent) before the first commit
      behind += Math.max(0, ends.get(p).offset() - (c == null ? 0 : c.offset()));
    }
    return behind;
  }

  @Override
  public void close() {
    admin.close();
  }
}
