package io.github.vertxsessions.mongo.impl;

import io.github.vertxsessions.mongo.TtlIndexConflictException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;

import java.util.concurrent.TimeUnit;

/**
 * The TTL index on {@code expiresAt} that lets MongoDB delete expired sessions by itself. Creating an index that
 * exists with the same options is a no-op, so every store instance may ensure it at start; one with other options
 * on the same key is an error MongoDB reports obscurely (and some servers not at all), so it is looked for first
 * and reported by name.
 */
final class TtlIndex {

  private static final JsonObject KEY = new JsonObject().put(SessionDocuments.EXPIRES_AT, 1);

  private TtlIndex() {
  }

  static Future<Void> ensure(MongoClient mongo, String collection) {
    return mongo.listIndexes(collection).compose(indexes -> {
      JsonObject existing = onExpiresAt(indexes);
      if (existing == null) {
        return mongo.createIndexWithOptions(collection, KEY, new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
      }
      if (isOurs(existing)) {
        return Future.succeededFuture();
      }
      return Future.failedFuture(new TtlIndexConflictException(collection, existing.getString("name"),
        existing.encode()));
    });
  }

  private static JsonObject onExpiresAt(JsonArray indexes) {
    for (Object index : indexes) {
      if (index instanceof JsonObject spec && spec.getValue("key") instanceof JsonObject key && key.size() == 1
        && key.getValue(SessionDocuments.EXPIRES_AT) instanceof Number direction && direction.doubleValue() == 1) {
        return spec;
      }
    }
    return null;
  }

  private static boolean isOurs(JsonObject spec) {
    return spec.getValue("expireAfterSeconds") instanceof Number seconds && seconds.doubleValue() == 0
      && !spec.containsKey("partialFilterExpression");
  }
}
