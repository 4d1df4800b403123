package io.github.vertxsessions.mongo.impl;

import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.mongo.MongoSessionStore;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.spi.support.SessionMonitor;
import io.github.vertxsessions.spi.support.SweepBatches;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.WriteOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Deletes expired sessions in bounded batches: up to {@code batchSize} IDs of expired documents, then one delete of
 * exactly those IDs, never an open-ended delete that could hold the server for long. MongoDB's TTL monitor does the
 * same job on real servers; the sweeper keeps the collection small where TTL indexes are not enforced (emulators,
 * or while the index cannot be created). Runs on one Vert.x context, so one batch at most is in flight.
 *
 * <p>When anyone observes sessions ({@link SessionMonitor#isActive()}), each ID of the batch is deleted on its own, so
 * that the node whose delete removed the document, and only that one, publishes its {@code expired} event, however
 * many nodes sweep the collection: a batch of {@code batchSize} deletes in flight instead of one.
 */
final class ExpiredDocumentSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(MongoSessionStore.class);

  private final MongoClient mongo;
  private final String collection;
  private final WriteOption writeOption;
  private final Clock clock;
  private final int batchSize;
  private final SessionMonitor monitor;
  private final SessionStore store;
  private final SweepBatches batches;

  ExpiredDocumentSweeper(MongoClient mongo, String collection, WriteOption writeOption, Clock clock, int batchSize,
                         SessionMonitor monitor, SessionStore store) {
    this.mongo = mongo;
    this.collection = collection;
    this.writeOption = writeOption;
    this.clock = clock;
    this.batchSize = batchSize;
    this.batches = new SweepBatches(LOG, "collection '" + collection + "'");
    this.monitor = monitor;
    this.store = store;
  }

  int batchSize() {
    return batchSize;
  }

  long swept() {
    return batches.swept();
  }

  /** One batch; joins the batch in flight if there is one. Call on the sweeper's context only. */
  Future<Integer> sweepBatch() {
    return batches.run(this::deleteBatch);
  }

  private Future<Integer> deleteBatch() {
    JsonObject expired = new JsonObject().put(SessionDocuments.EXPIRES_AT,
      new JsonObject().put("$lte", BsonDates.date(clock.millis())));
    FindOptions idsOnly = new FindOptions().setLimit(batchSize)
      .setFields(new JsonObject().put(SessionDocuments.ID, 1).put(SessionDocuments.PRINCIPAL, 1));
    return mongo.findWithOptions(collection, expired, idsOnly).compose(documents -> {
      if (documents.isEmpty()) {
        return Future.succeededFuture(0);
      }
      return monitor.isActive() ? removeEachOf(documents, expired) : removeAll(documents, expired);
    });
  }

  /** Still filtered on expiry: an ID that was re-created meanwhile belongs to a live session. */
  private Future<Integer> removeAll(List<JsonObject> documents, JsonObject expired) {
    JsonObject ids = expired.copy().put(SessionDocuments.ID, new JsonObject().put("$in", idsOf(documents)));
    return mongo.removeDocumentsWithOptions(collection, ids, writeOption)
      .map(result -> result == null ? 0 : (int) result.getRemovedCount());
  }

  private Future<Integer> removeEachOf(List<JsonObject> documents, JsonObject expired) {
    List<Future<Boolean>> removals = documents.stream().map(document -> {
      String id = document.getString(SessionDocuments.ID);
      return mongo.removeDocumentWithOptions(collection, expired.copy().put(SessionDocuments.ID, id), writeOption)
        .map(result -> {
          boolean removed = result != null && result.getRemovedCount() == 1;
          if (removed) {
            monitor.publish(SessionEvent.Type.EXPIRED, id, document.getString(SessionDocuments.PRINCIPAL), store);
          }
          return removed;
        });
    }).toList();
    return Future.all(removals).map(all -> (int) removals.stream().filter(Future::result).count());
  }

  private static JsonArray idsOf(List<JsonObject> documents) {
    JsonArray ids = new JsonArray();
    documents.forEach(document -> ids.add(document.getValue(SessionDocuments.ID)));
    return ids;
  }
}
