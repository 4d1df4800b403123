package io.github.vertxsessions.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A port nobody listens on right now, never a fixed one (6379, 27017 and others belong to other processes). */
final class FreePort {

  private FreePort() {
  }

  static int pick() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
