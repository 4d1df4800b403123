package io.github.vertxsessions.bench.load;

/**
 * The CPU time the peer's server and its store's server used over one measured window, with the window's wall time.
 * Throughput saturates on a small machine (one wrk thread on one core tops out near the fastest peers' rate); the
 * CPU each request costs does not, so it is what compares session code and stores.
 *
 * @param peerMicros  the peer's process (and its descendants) over the window; -1 when /proc could not tell
 * @param storeMicros the store's server (Redis, the PostgreSQL postmaster and its children, the MongoDB JVM) over
 *                    the window; -1 for a peer without a store, or when /proc could not tell
 * @param wallMicros  the wall time between the two samples
 */
public record CpuUse(long peerMicros, long storeMicros, long wallMicros) {

  /** Samples {@code peer} and {@code store} (null: none) now; {@link Window#stop} samples them again. */
  static Window start(ProcCpu peer, ProcCpu store) {
    return new Window(peer, store, peer.micros(), store == null ? -1 : store.micros(), System.nanoTime());
  }

  /** The first samples of a window. */
  record Window(ProcCpu peer, ProcCpu store, long peerBefore, long storeBefore, long nanosBefore) {

    /** The CPU used since {@link #start}. */
    CpuUse stop() {
      long peerAfter = peer.micros();
      long storeAfter = store == null ? -1 : store.micros();
      long wall = (System.nanoTime() - nanosBefore) / 1_000;
      return new CpuUse(difference(peerBefore, peerAfter), difference(storeBefore, storeAfter), wall);
    }

    private static long difference(long before, long after) {
      return before < 0 || after < 0 ? -1 : after - before;
    }
  }
}
