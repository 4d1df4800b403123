package io.github.vertxsessions.bench.micro;

import io.vertx.core.json.JsonObject;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Times a series of ticks three ways: wall time (what the event loop would wait), the thread's CPU time (the work
 * itself, without the preemption a shared machine adds) and whether a garbage collection happened during the tick
 * (a pause that stops every thread, the sweeper's or not).
 */
final class Ticks {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();
  private static final long TWO_MILLIS = 2_000_000;

  private final long[] wall;
  private final long[] cpu;
  private final boolean[] collected;
  private int count;

  Ticks(int capacity) {
    wall = new long[capacity];
    cpu = new long[capacity];
    collected = new boolean[capacity];
  }

  boolean isFull() {
    return count == wall.length;
  }

  /** Runs and times one tick. */
  void time(IntSupplier tick) {
    long collections = collections();
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    tick.getAsInt();
    wall[count] = System.nanoTime() - start;
    cpu[count] = THREADS.getCurrentThreadCpuTime() - cpuStart;
    collected[count] = collections() != collections;
    count++;
  }

  JsonObject summary() {
    long maxWallWithoutGc = 0;
    long wallOver2msWithoutGc = 0;
    int withGc = 0;
    for (int i = 0; i < count; i++) {
      if (collected[i]) {
        withGc++;
      } else {
        maxWallWithoutGc = Math.max(maxWallWithoutGc, wall[i]);
        wallOver2msWithoutGc += wall[i] > TWO_MILLIS ? 1 : 0;
      }
    }
    return new JsonObject()
      .put("ticks", count)
      .put("wall", distribution(wall))
      .put("cpu", distribution(cpu))
      .put("ticksWithGc", withGc)
      .put("maxWallMicrosWithoutGc", maxWallWithoutGc / 1_000.0)
      .put("wallOver2msWithoutGc", wallOver2msWithoutGc);
  }

  private JsonObject distribution(long[] nanos) {
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return new JsonObject()
      .put("meanMicros", count == 0 ? 0 : Arrays.stream(sorted).sum() / 1_000.0 / count)
      .put("p50Micros", percentile(sorted, 0.50) / 1_000.0)
      .put("p99Micros", percentile(sorted, 0.99) / 1_000.0)
      .put("maxMicros", count == 0 ? 0 : sorted[count - 1] / 1_000.0)
      .put("over2ms", Arrays.stream(sorted).filter(n -> n > TWO_MILLIS).count())
      .put("totalMillis", Arrays.stream(sorted).sum() / 1_000_000.0);
  }

  private static long percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static long collections() {
    long total = 0;
    for (GarbageCollectorMXBean collector : COLLECTORS) {
      total += collector.getCollectionCount();
    }
    return total;
  }
}
