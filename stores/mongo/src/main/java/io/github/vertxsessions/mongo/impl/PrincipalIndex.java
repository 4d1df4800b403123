package io.github.vertxsessions.mongo.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;

/**
 * The index on {@code principal} that {@code findByPrincipal} queries through. Sparse: anonymous sessions, which have
 * no {@code principal} field, are not in it, so they cost it nothing. Like the TTL index it is ensured at every start
 * (creating an index that exists with the same options is a no-op); an index on {@code principal} that is already
 * there serves as well, whatever its options, except a unique one, which would refuse a user's second session.
 */
final class PrincipalIndex {

  static final String NAME = "principal_1";
  private static final JsonObject KEY = new JsonObject().put(SessionDocuments.PRINCIPAL, 1);

  /** The collection has an index on {@code principal} that the store cannot work with; it does not retry. */
  static final class Conflict extends IllegalStateException {

    Conflict(String message) {
      super(message);
    }
  }

  private PrincipalIndex() {
  }

  static Future<Void> ensure(MongoClient mongo, String collection) {
    return mongo.listIndexes(collection).compose(indexes -> {
      JsonObject existing = onPrincipal(indexes);
      if (existing == null) {
        return mongo.createIndexWithOptions(collection, KEY, new IndexOptions().name(NAME).sparse(true));
      }
      if (Boolean.TRUE.equals(existing.getValue("unique"))) {
        String name = existing.getString("name");
        return Future.failedFuture(new Conflict("Collection '" + collection + "' has a unique index '" + name
          + "' on principal, but a user may have several sessions: drop it with db." + collection + ".dropIndex(\""
          + name + "\") or use another collection"));
      }
      return Future.succeededFuture();
    });
  }

  private static JsonObject onPrincipal(JsonArray indexes) {
    for (Object index : indexes) {
      // ascending, descending or hashed: any of them serves an equality query
      if (index instanceof JsonObject spec && spec.getValue("key") instanceof JsonObject key && key.size() == 1
        && (key.getValue(SessionDocuments.PRINCIPAL) instanceof Number
        || "hashed".equals(key.getValue(SessionDocuments.PRINCIPAL)))) {
        return spec;
      }
    }
    return null;
  }
}
