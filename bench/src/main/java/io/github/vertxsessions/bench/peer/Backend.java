package io.github.vertxsessions.bench.peer;

/** The server a peer's store needs beside it, which the suite starts on a free port before the peer. */
public enum Backend {
  NONE,
  REDIS,
  MONGO,
  POSTGRES
}
