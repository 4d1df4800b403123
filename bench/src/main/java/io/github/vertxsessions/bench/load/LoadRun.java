package io.github.vertxsessions.bench.load;

import io.github.vertxsessions.bench.peer.PeerKind;

import java.util.List;
import java.util.Map;

/**
 * One peer under one scenario: what wrk measured, or why the run failed, plus what the suite read around it.
 *
 * @param warmup        wrk's figures for the warm-up; null when the run failed
 * @param result        wrk's figures for the measured window; null when the run failed
 * @param failure       why the run failed; null when it did not
 * @param peakRssKb     the peer JVM's peak resident set (VmHWM) over its whole life: start, minting, warm-up and
 *                      the measured window; -1 if unknown
 * @param redisCalls    Redis's per-command calls during the measured window; null for peers without Redis
 * @param sessionsAfter the store's session count right after the window (-1: no store, null: not read)
 * @param anonCookie    for the anon scenario, whether a request without a cookie got one; otherwise null
 * @param counterSum    for the write scenario of a peer with sessions, the sum of the sessions' counters read back
 *                      afterwards; otherwise null
 * @param remarks       what else the suite noticed (a failed /stats, errors the peer logged)
 * @param cpu           the CPU the peer and its store's server used over the measured window; null when the run
 *                      failed
 */
public record LoadRun(PeerKind peer, Scenario scenario, WrkResult warmup, WrkResult result, String failure,
                      long peakRssKb, Map<String, Long> redisCalls, Long sessionsAfter, Boolean anonCookie,
                      Long counterSum, List<String> remarks, CpuUse cpu) {

  static LoadRun failed(PeerKind peer, Scenario scenario, String failure, List<String> remarks) {
    return new LoadRun(peer, scenario, null, null, failure, -1, null, null, null, null, remarks, null);
  }

  public boolean succeeded() {
    return result != null;
  }

  /** The 2xx answers over warm-up and window: what the peer told its clients it did. */
  public long acknowledged() {
    return warmup.requests() - warmup.non2xx3xx() + result.requests() - result.non2xx3xx();
  }

  /**
   * Acknowledged increments missing from the counters; 0 if none. Requests in flight when wrk stops are applied
   * but not counted by wrk, so the counters may exceed the acknowledgements, which hides as many losses.
   */
  public long writesLost() {
    return Math.max(0, acknowledged() - counterSum);
  }

  /** Redis commands per request of the window, scripts' inner commands included; NaN without Redis. */
  public double redisCommandsPerRequest() {
    if (redisCalls == null || result == null || result.requests() == 0) {
      return Double.NaN;
    }
    return redisCalls.values().stream().mapToLong(Long::longValue).sum() / (double) result.requests();
  }

  /** The peer's CPU time per request of the window, in microseconds; NaN when unknown. */
  public double peerCpuMicrosPerRequest() {
    return cpu == null ? Double.NaN : perRequest(cpu.peerMicros());
  }

  /** The store server's CPU time per request of the window, in microseconds; NaN without a store or unknown. */
  public double storeCpuMicrosPerRequest() {
    return cpu == null ? Double.NaN : perRequest(cpu.storeMicros());
  }

  /** The peer's CPU over the window as a share of one core (1.0: the core was busy all along); NaN if unknown. */
  public double peerCoreShare() {
    return cpu == null || cpu.peerMicros() < 0 || cpu.wallMicros() == 0 ? Double.NaN
      : cpu.peerMicros() / (double) cpu.wallMicros();
  }

  private double perRequest(long micros) {
    return micros < 0 || result == null || result.requests() == 0 ? Double.NaN : micros / (double) result.requests();
  }
}
