package io.ccpulse.infra.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code kafka-storage.sh format} does, through its Java API: a KRaft node refuses to start on
 * an unformatted directory. Formatting writes {@code meta.properties} last, so its presence means
 * "formatted" and a second start keeps the data and the cluster id.
 */
final class StorageFormat {

  private static final Logger LOG = LoggerFactory.getLogger(StorageFormat.class);
  static final String META_PROPERTIES = "meta.properties";

  /** Kafka's LogManager lock file name. */
  private static final String LOCK_FILE = ".lock";

  private StorageFormat() {}

  /**
   * Fails if another broker (this JVM or another process) holds the data dir. Kafka locks it only
   * when its broker part starts, after its controller has already opened, and possibly appended to,
   * the shared metadata log; so check up front. The probe lock is released at once because Kafka
   * takes the same lock itself.
   */
  static void requireNotInUse(Path dataDir) {
    Path lockFile = dataDir.resolve(LOCK_FILE);
    if (!Files.exists(lockFile)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      if (lock == null) {
        throw inUse(dataDir);
      }
    } catch (OverlappingFileLockException e) {
      throw inUse(dataDir);
    } catch (IOException e) {
      throw new KafkaStartException(
          "Cannot check the lock of Kafka data dir " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private static KafkaStartException inUse(Path dataDir) {
    return new KafkaStartException(
        "Cannot start the local Kafka broker: data dir "
            + dataDir
            + " is in use by another broker (in this or another process). Stop it or use another data dir.");
  }

  static boolean isFormatted(Path dataDir) {
    return Files.isRegularFile(dataDir.resolve(META_PROPERTIES));
  }

  /** The cluster id of a formatted directory, if any. */
  static Optional<String> clusterId(Path dataDir) {
    Path file = dataDir.resolve(META_PROPERTIES);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties meta = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      meta.load(in);
    } catch (IOException e) {
      throw new KafkaStartException("Cannot read " + file, e);
    }
    return Optional.ofNullable(meta.getProperty("cluster.id"));
  }

  /** Formats a fresh directory with a new random cluster id and returns that id. */
  static String format(Path dataDir) {
    String clusterId = Uuid.randomUuid().toString();
    String dir = dataDir.toAbsolutePath().toString();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Files.createDirectories(dataDir);
      new Formatter()
          .setPrintStream(new PrintStream(out, true, StandardCharsets.UTF_8))
          .setNodeId(BrokerProperties.NODE_ID)
          .setClusterId(clusterId)
          .setDirectories(List.of(dir))
          .setMetadataLogDirectory(dir)
          .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
          // Static controller.quorum.voters: kraft.version 0, no voter set in the log.
          .setHasDynamicQuorum(false)
          .run();
    } catch (Exception e) {
      throw new KafkaStartException(
          "Cannot format Kafka storage in " + dir + ": " + e.getMessage(), e);
    }
    LOG.debug("Formatted {}: {}", dir, out.toString(StandardCharsets.UTF_8).trim());
    return clusterId;
  }
}
