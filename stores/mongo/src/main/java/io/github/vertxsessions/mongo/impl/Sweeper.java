package io.github.vertxsessions.mongo.impl;

import io.github.vertxsessions.mongo.MongoSessionStore;
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
 */
final class Sweeper {

  private static final Logger LOG = LoggerFactory.getLogger(MongoSessionStore.class);

  private final MongoClient mongo;
  private final String collection;
  private final WriteOption writeOption;
  private final Clock clock;
  private final int batchSize;
  private Future<Integer> inFlight;
  private boolean failing;
  private volatile long swept;

  Sweeper(MongoClient mongo, String collection, WriteOption writeOption, Clock clock, int batchSize) {
    this.mongo = mongo;
    this.collection = collection;
    this.writeOption = writeOption;
    this.clock = clock;
    this.batchSize = batchSize;
  }

  int batchSize() {
    return batchSize;
  }

  long swept() {
    return swept;
  }

  /** One batch; joins the batch in flight if there is one. Call on the sweeper's context only. */
  Future<Integer> sweepBatch() {
    if (inFlight != null) {
      return inFlight;
    }
    JsonObject expired = new JsonObject().put(SessionDocuments.EXPIRES_AT,
      new JsonObject().put("$lte", BsonDates.date(clock.millis())));
    FindOptions idsOnly = new FindOptions().setFields(new JsonObject().put(SessionDocuments.ID, 1)).setLimit(batchSize);
    Future<Integer> batch = mongo.findWithOptions(collection, expired, idsOnly).compose(documents -> {
      if (documents.isEmpty()) {
        return Future.succeededFuture(0);
      }
      // Still filtered on expiry: an ID that was re-created meanwhile belongs to a live session.
      JsonObject ids = expired.copy().put(SessionDocuments.ID, new JsonObject().put("$in", idsOf(documents)));
      return mongo.removeDocumentsWithOptions(collection, ids, writeOption)
        .map(result -> result == null ? 0 : (int) result.getRemovedCount());
    });
    inFlight = batch;
    batch.onComplete(ar -> {
      inFlight = null;
      if (ar.succeeded()) {
        swept += ar.result();
        if (failing) {
          failing = false;
          LOG.info("Sweeping expired sessions from collection '{}' works again", collection);
        }
      } else if (!failing) {
        failing = true;
        LOG.warn("Sweeping expired sessions from collection '{}' failed; retrying at every sweep: {}", collection,
          ar.cause().toString());
      }
    });
    return batch;
  }

  private static JsonArray idsOf(List<JsonObject> documents) {
    JsonArray ids = new JsonArray();
    documents.forEach(document -> ids.add(document.getValue(SessionDocuments.ID)));
    return ids;
  }
}
