package io.github.vertxsessions.postgres.testing;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * A real pool that writes down the SQL of every statement sent through it, and every connection taken from it (a
 * connection would let several statements go as one operation). Not a mock: each call goes on to the real pool and
 * the real server answers.
 */
public final class StatementCountingPool implements Pool {

  private final Pool pool;
  private final List<String> sent = new ArrayList<>();

  public StatementCountingPool(Pool pool) {
    this.pool = pool;
  }

  /** The statements sent while {@code during} ran and its future completed. */
  public List<String> statementsDuring(Supplier<Future<?>> operation) throws TimeoutException {
    synchronized (this) {
      sent.clear();
    }
    operation.get().await(10, TimeUnit.SECONDS);
    synchronized (this) {
      return List.copyOf(sent);
    }
  }

  private synchronized void record(String what) {
    sent.add(what);
  }

  @Override
  public Future<SqlConnection> getConnection() {
    record("connection");
    return pool.getConnection();
  }

  @Override
  public Query<RowSet<Row>> query(String sql) {
    record(sql);
    return pool.query(sql);
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
    record(sql);
    return pool.preparedQuery(sql);
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
    record(sql);
    return pool.preparedQuery(sql, options);
  }

  @Override
  public int size() {
    return pool.size();
  }

  @Override
  public Future<Void> close() {
    return pool.close();
  }
}
