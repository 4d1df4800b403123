package io.github.vertxsessions.testservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Random free TCP ports on the loopback interface, so tests never collide with fixed ports of other processes. */
public final class FreePorts {

  /** Redis Cluster listens on port + 10000 for its bus, so a cluster node's port must stay below this. */
  private static final int CLUSTER_PORT_LIMIT = 65535 - 10000;

  private FreePorts() {
  }

  public static int any() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A free port whose cluster bus port (port + 10000) is free as well. */
  public static int forClusterNode() {
    for (int attempt = 0; attempt < 1000; attempt++) {
      int port = any();
      if (port < CLUSTER_PORT_LIMIT && isFree(port + 10000)) {
        return port;
      }
    }
    throw new IllegalStateException("No free port pair for a Redis Cluster node");
  }

  private static boolean isFree(int port) {
    try (ServerSocket probe = new ServerSocket(port)) {
      return probe.isBound();
    } catch (IOException e) {
      return false;
    }
  }
}
