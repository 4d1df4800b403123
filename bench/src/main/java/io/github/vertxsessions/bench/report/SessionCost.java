package io.github.vertxsessions.bench.report;

import io.github.vertxsessions.bench.load.LoadRun;

import java.util.List;

/**
 * A peer's session cost: its server's CPU per request less that of its floor (the no-session server of its own
 * stack, {@link io.github.vertxsessions.bench.peer.PeerKind#floor()}) in the same scenario of the same run, so
 * that what the routes and the HTTP server cost anyway is not counted as the session's.
 */
final class SessionCost {

  private SessionCost() {
  }

  /** µs of peer CPU per request over the floor's; NaN when either figure is missing, and for a floor itself. */
  static double overFloor(LoadRun run, List<LoadRun> runs) {
    if (!run.succeeded() || run.peer().floor() == run.peer()) {
      return Double.NaN;
    }
    return runs.stream()
      .filter(floor -> floor.peer() == run.peer().floor() && floor.scenario() == run.scenario() && floor.succeeded())
      .findFirst()
      .map(floor -> run.peerCpuMicrosPerRequest() - floor.peerCpuMicrosPerRequest())
      .orElse(Double.NaN);
  }
}
