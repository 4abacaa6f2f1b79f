package io.ccpulse.infra.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port choice and checks done before Kafka binds, so a busy port fails with a readable message. */
final class Ports {

  private Ports() {}

  /** A port that was free a moment ago on {@code host}; the caller binds it soon after. */
  static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host, 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port on " + host, e);
    }
  }

  static boolean isFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // Same as Kafka's acceptor: a port held only by TIME_WAIT connections is usable.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * @param note said after "already in use": empty, or why it is worse than usual
   */
  static void requireFree(String host, int port, String what, String note) {
    if (!isFree(host, port)) {
      throw new KafkaStartException(
          "Cannot start the local Kafka broker: "
              + what
              + " port "
              + host
              + ":"
              + port
              + " is already in use"
              + note
              + " (is another broker running?). Stop it or choose another port.");
    }
  }
}
