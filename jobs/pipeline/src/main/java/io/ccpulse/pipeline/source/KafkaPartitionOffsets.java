package io.ccpulse.pipeline.source;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@link PartitionOffsets} from the cluster, through an admin client opened on first use with the
 * job's Kafka settings (security included). Asked only when a gap shows, so rarely.
 */
final class KafkaPartitionOffsets implements PartitionOffsets {
  private static final long serialVersionUID = 1L;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Properties settings;
  private transient Admin admin;

  /**
   * @param settings bootstrap servers and the consumer's other settings (security)
   */
  KafkaPartitionOffsets(Properties settings) {
    this.settings = settings;
  }

  @Override
  public long logStart(String topic, int partition) throws Exception {
    TopicPartition tp = new TopicPartition(topic, partition);
    return admin()
        .listOffsets(Map.of(tp, OffsetSpec.earliest()))
        .partitionResult(tp)
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .offset();
  }

  @Override
  public OptionalLong committed(String group, String topic, int partition) throws Exception {
    TopicPartition tp = new TopicPartition(topic, partition);
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin()
            .listConsumerGroupOffsets(
                Map.of(
                    group,
                    new ListConsumerGroupOffsetsSpec().topicPartitions(java.util.List.of(tp))))
            .partitionsToOffsetAndMetadata(group)
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    OffsetAndMetadata committed = offsets.get(tp);
    return committed == null ? OptionalLong.empty() : OptionalLong.of(committed.offset());
  }

  private Admin admin() {
    if (admin == null) {
      Properties props = new Properties();
      // Only what an admin client knows (bootstrap, security, timeouts): consumer settings would be
      // warned about.
      settings.forEach(
          (k, v) -> {
            if (AdminClientConfig.configNames().contains(String.valueOf(k))) {
              props.put(k, v);
            }
          });
      props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
      props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ccpulse-offset-continuity");
      admin = Admin.create(props);
    }
    return admin;
  }

  @Override
  public void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
  }
}
