package io.github.vertxsessions.mongo.impl;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import io.github.vertxsessions.mongo.MongoSessionStore;
import io.github.vertxsessions.mongo.MongoStoreOptions;
import io.github.vertxsessions.mongo.TtlIndexConflictException;
import io.github.vertxsessions.spi.DuplicateSessionIdException;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.support.SessionMonitor;
import io.github.vertxsessions.spi.support.SweepSchedule;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import io.vertx.ext.mongo.WriteOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static io.github.vertxsessions.mongo.impl.SessionDocuments.COOKIE_MAX_AGE;
import static io.github.vertxsessions.mongo.impl.SessionDocuments.CREATED_AT;
import static io.github.vertxsessions.mongo.impl.SessionDocuments.EXPIRES_AT;
import static io.github.vertxsessions.mongo.impl.SessionDocuments.ID;
import static io.github.vertxsessions.mongo.impl.SessionDocuments.IDLE_TIMEOUT;
import static io.github.vertxsessions.mongo.impl.SessionDocuments.LAST_ACCESSED_AT;
import static io.github.vertxsessions.mongo.impl.SessionDocuments.MAX_LIFETIME;
import static io.github.vertxsessions.mongo.impl.SessionDocuments.PRINCIPAL;
import static io.github.vertxsessions.mongo.impl.SessionDocuments.VERSION;

/**
 * The MongoDB store. What each operation sends (mongo-java-server, which the tests run against, has no
 * aggregation-pipeline updates, so nothing here depends on them):
 * <ul>
 *   <li>load: one {@code find} by {@code _id}, the expiry checked on the document; when a touch is due, one more update,
 *   compare-and-set on version and last access so that it never undoes a concurrent save's settings;</li>
 *   <li>creation: one replace of an expired document with the same ID, upserting, so it inserts when there is
 *   none and fails with a duplicate key when a live one exists;</li>
 *   <li>change, data in clear: one {@code findAndModify} of a live document that sets and unsets only the named
 *   {@code data.*} fields, increments the version and sets the timing fields. {@code expiresAt} needs the stored
 *   creation time and lifetime, which a plain update cannot read: the filter also requires the values the delta
 *   carries, and a miss is followed by a read that tells a gone session from a delta with other values;</li>
 *   <li>change, data encrypted: the blob can only be rewritten whole, so read, decrypt, apply the delta, encrypt,
 *   and write filtered on the version read, again on a conflict, a bounded number of times;</li>
 *   <li>a change of owner: its {@code principal} and description fields set or unset in that same single write;
 *   a change that leaves the owner writes neither;</li>
 *   <li>changeId: the ordered steps of two documents: one {@code find} of the old, the copy created under the new ID
 *   as above (its data and description sealed again for that ID when encrypting), one {@code delete} of the old
 *   filtered on the version copied; a miss deletes the copy and starts over, a bounded number of times;</li>
 *   <li>findByPrincipal: one {@code find} on {@code {principal, expiresAt > now}}, through the principal index,
 *   writing nothing.</li>
 * </ul>
 */
public class MongoSessionStoreImpl implements MongoSessionStore {

  private static final Logger LOG = LoggerFactory.getLogger(MongoSessionStore.class);
  private static final int MAX_SAVE_ATTEMPTS = 10;

  private final Context context;
  private final MongoClient mongo;
  private final String collection;
  private final Clock clock;
  private final WriteOption writeOption;
  private final SessionDocuments documents;
  private final ExpiredDocumentSweeper sweeper;
  private final SweepSchedule sweeps;
  private final Promise<Void> ready = Promise.promise();
  private volatile boolean ttlIndexSettled;
  private volatile boolean principalIndexSettled;

  public MongoSessionStoreImpl(Vertx vertx, MongoClient mongo, MongoStoreOptions options) {
    this.mongo = mongo;
    this.collection = options.getCollection();
    this.clock = options.getClock();
    this.writeOption = options.getWriteConcern() == null ? null : WriteConcerns.parse(options.getWriteConcern());
    this.documents = new SessionDocuments(collection, new DataCipher(options.getEncryptionKeys()));
    this.sweeper = new ExpiredDocumentSweeper(mongo, collection, writeOption, clock, options.getSweepBatchSize(),
      SessionMonitor.of(vertx), this);
    this.sweeps = new SweepSchedule(vertx, options.getSweepInterval(), () -> {
      // a server unreachable at start-up gets its indexes before the first sweep that reaches it
      Future<Void> index = ttlIndexSettled && principalIndexSettled ? Future.succeededFuture() : ensureIndexes();
      return index.transform(ar -> sweeper.sweepBatch()).map(removed -> removed == sweeper.batchSize());
    });
    this.context = vertx.getOrCreateContext();
    context.runOnContext(v -> ensureIndexes().onComplete(ready));
    sweeps.start(context);
  }

  @Override
  public Future<Void> ready() {
    return ready.future();
  }

  @Override
  public Future<SessionRecord> load(String id, long touchInterval) {
    long now = clock.millis();
    // by _id alone, expiry checked here: a plain primary-key lookup on any server
    return mongo.findOne(collection, new JsonObject().put(ID, id), null).compose(document -> {
      SessionRecord record = document == null || !storedExpiryAfter(document, now) ? null
        : documents.fromDocument(document);
      if (record == null || !record.isLiveAt(now)) {
        return Future.succeededFuture();
      }
      return record.isTouchDue(now, touchInterval) ? touch(record, now) : Future.succeededFuture(record);
    });
  }

  @Override
  public Future<Long> save(SessionDelta delta) {
    long now = clock.millis();
    if (delta.creation()) {
      return create(delta.created(now), now);
    }
    if (documents.encrypts() && delta.changesData()) {
      return reseal(delta, now, 1);
    }
    return applyDelta(delta, now, delta.createdAt(), delta.maxLifetime(), 1);
  }

  @Override
  public Future<Long> changeId(String oldId, String newId) {
    return changeId(oldId, newId, 1);
  }

  @Override
  public Future<Void> touch(String id) {
    return load(id, 0).mapEmpty();
  }

  @Override
  public Future<Void> delete(String id) {
    return mongo.removeDocumentWithOptions(collection, new JsonObject().put(ID, id), writeOption).mapEmpty();
  }

  @Override
  public Future<List<SessionRecord>> findByPrincipal(String principal) {
    if (principal == null) {
      // {principal: null} would match every anonymous session
      return Future.failedFuture(new NullPointerException("principal"));
    }
    long now = clock.millis();
    return mongo.find(collection, liveAt(now).put(PRINCIPAL, principal)).map(found -> {
      List<SessionRecord> records = new ArrayList<>(found.size());
      for (JsonObject document : found) {
        SessionRecord record = documents.fromDocument(document);
        if (record != null && record.isLiveAt(now) && principal.equals(record.owner().principal())) {
          records.add(record);
        }
      }
      return records;
    });
  }

  @Override
  public Future<Long> count() {
    return mongo.count(collection, liveAt(clock.millis()));
  }

  @Override
  public Future<Void> clear() {
    return mongo.removeDocumentsWithOptions(collection, new JsonObject(), writeOption).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    sweeps.close();
    return Future.succeededFuture();
  }

  @Override
  public String type() {
    return "mongo";
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public long swept() {
    return sweeper.swept();
  }

  /** One sweeper batch now, as the timer would run it; how many expired sessions it deleted. */
  public Future<Integer> sweep() {
    Promise<Integer> removed = Promise.promise();
    context.runOnContext(v -> sweeper.sweepBatch().onComplete(removed));
    return removed.future();
  }

  private Future<Long> create(SessionRecord record, long now) {
    JsonObject expiredOrAbsent = new JsonObject().put(ID, record.id()).put(EXPIRES_AT, notAfter(now));
    UpdateOptions upsert = new UpdateOptions().setUpsert(true).setWriteOption(writeOption);
    return mongo.replaceDocumentsWithOptions(collection, expiredOrAbsent, documents.toDocument(record), upsert)
      .<Long>map(result -> record.version())
      .recover(failure -> Future.failedFuture(isDuplicateKey(failure)
        ? new DuplicateSessionIdException(record.id()) : failure));
  }

  private Future<Long> applyDelta(SessionDelta delta, long now, long createdAt, long maxLifetime, int attempt) {
    SessionRecord timing = SessionRecord.builder(delta.id()).createdAt(createdAt).lastAccessedAt(now)
      .idleTimeout(delta.idleTimeout()).maxLifetime(maxLifetime).cookieMaxAge(delta.cookieMaxAge()).build();
    JsonObject filter = live(delta.id(), now).put(MAX_LIFETIME, maxLifetime);
    if (maxLifetime > 0) {
      filter.put(CREATED_AT, BsonDates.date(createdAt));
    }
    JsonObject set = timingFields(timing);
    delta.set().forEach((name, value) -> set.put(SessionDocuments.dataPath(name), SessionDocuments.dataValue(value)));
    JsonObject unset = new JsonObject();
    delta.unset().stream().filter(name -> !delta.set().containsKey(name))
      .forEach(name -> unset.put(SessionDocuments.dataPath(name), ""));
    if (delta.changesOwner()) {
      documents.putOwner(set, unset, delta.id(), delta.owner());
    }
    JsonObject update = new JsonObject().put("$set", set).put("$inc", new JsonObject().put(VERSION, 1));
    if (!unset.isEmpty()) {
      update.put("$unset", unset);
    }
    return findAndModify(filter, update, new JsonObject().put(VERSION, 1)).compose(updated -> {
      if (updated != null) {
        return Future.succeededFuture(updated.getLong(VERSION));
      }
      return mongo.findOne(collection, live(delta.id(), now), null).compose(document -> {
        SessionRecord current = document == null ? null : documents.fromDocument(document);
        if (current == null) {
          return Future.failedFuture(new SessionGoneException(delta.id()));
        }
        if (attempt >= MAX_SAVE_ATTEMPTS) {
          return Future.failedFuture(tooManyConflicts(delta.id(), "save"));
        }
        return applyDelta(delta, now, current.createdAt(), current.maxLifetime(), attempt + 1);
      });
    });
  }

  private Future<Long> reseal(SessionDelta delta, long now, int attempt) {
    return mongo.findOne(collection, live(delta.id(), now), null).compose(document -> {
      SessionRecord current = document == null ? null : documents.fromDocument(document);
      if (current == null || !current.isLiveAt(now)) {
        return Future.failedFuture(new SessionGoneException(delta.id()));
      }
      SessionRecord next = delta.appliedTo(current, now);
      JsonObject set = timingFields(next);
      documents.putData(set, next.id(), next.data());
      JsonObject unset = new JsonObject();
      if (delta.changesOwner()) {
        documents.putOwner(set, unset, next.id(), next.owner());
      } else {
        JsonObject resealed = documents.resealedDescription(document, next);
        if (resealed != null) {
          set.put(documents.descriptionField(), resealed);
        }
      }
      JsonObject update = new JsonObject().put("$set", set).put("$inc", new JsonObject().put(VERSION, 1));
      if (!unset.isEmpty()) {
        update.put("$unset", unset);
      }
      // The nonce, new with every write, pins the very blob that was decrypted, not only the version: a server that
      // updates documents in place (mongo-java-server) can return a document torn between two writes.
      JsonObject unchanged = live(delta.id(), now).put(VERSION, current.version())
        .put(SessionDocuments.NONCE_PATH, SessionDocuments.nonce(document));
      return mongo.updateCollectionWithOptions(collection, unchanged, update, writeOptions()).compose(result -> {
        if (result != null && result.getDocMatched() == 1) {
          return Future.succeededFuture(next.version());
        }
        return attempt >= MAX_SAVE_ATTEMPTS ? Future.failedFuture(tooManyConflicts(delta.id(), "save"))
          : reseal(delta, now, attempt + 1);
      });
    });
  }

  /**
   * One attempt of the ordered steps of {@code SessionStore.changeId}, the two documents having no transaction in
   * common: read the old session; create the copy under the new ID as a creation would (so a live session there
   * fails it, and a revocation that looks by principal from now on finds the copy); then delete the old document
   * only if it is still the one copied. When that delete finds nothing the copy goes, and the next attempt's read
   * tells a session deleted meanwhile (gone) from one saved meanwhile (copied again with what the save wrote).
   */
  private Future<Long> changeId(String oldId, String newId, int attempt) {
    long now = clock.millis();
    return mongo.findOne(collection, live(oldId, now), null).compose(document -> {
      SessionRecord old = document == null ? null : documents.fromDocument(document);
      if (old == null || !old.isLiveAt(now)) {
        return Future.failedFuture(new SessionGoneException(oldId));
      }
      if (attempt > MAX_SAVE_ATTEMPTS) {
        return Future.failedFuture(tooManyConflicts(oldId, "change of its ID"));
      }
      // toDocument seals the data and the description again: the ID is their associated data
      SessionRecord copy = old.toBuilder().id(newId).version(old.version() + 1).lastAccessedAt(now).build();
      JsonObject copied = new JsonObject().put(ID, oldId).put(VERSION, old.version());
      if (documents.encrypts()) {
        // as in reseal: the nonce pins the very blob that was decrypted, should the read have been torn
        copied.put(SessionDocuments.NONCE_PATH, SessionDocuments.nonce(document));
      }
      return create(copy, now).transform(creation -> {
        if (creation.failed()) {
          // a live session under the new ID is not this call's to delete; a copy whose creation went unanswered is
          return creation.cause() instanceof DuplicateSessionIdException ? Future.failedFuture(creation.cause())
            : failWithoutCopy(newId, creation.cause());
        }
        return mongo.removeDocumentWithOptions(collection, copied, writeOption).transform(removal -> {
          if (removal.failed()) {
            return failWithoutCopy(newId, removal.cause());
          }
          if (removal.result() != null && removal.result().getRemovedCount() == 1) {
            return Future.succeededFuture(copy.version());
          }
          return delete(newId).compose(deleted -> changeId(oldId, newId, attempt + 1));
        });
      });
    });
  }

  /**
   * Deletes the copy of an ID change that failed for {@code cause} with an unknown outcome, then fails with that
   * cause: a session that may have been deleted meanwhile must not stay under the new ID.
   */
  private <T> Future<T> failWithoutCopy(String newId, Throwable cause) {
    return delete(newId).transform(deleted -> {
      if (deleted.failed()) {
        LOG.warn("The copy under {} of a failed session ID change could not be deleted: {}",
          SessionRecord.redact(newId), deleted.cause().toString());
      }
      return Future.failedFuture(cause);
    });
  }

  /** Moves the idle expiry of a loaded session, unless a save or a later touch changed it since it was read. */
  private Future<SessionRecord> touch(SessionRecord record, long now) {
    SessionRecord touched = record.accessedAt(now);
    JsonObject unchanged = live(record.id(), now).put(VERSION, record.version())
      .put(LAST_ACCESSED_AT, BsonDates.date(record.lastAccessedAt()));
    JsonObject update = new JsonObject().put("$set", new JsonObject()
      .put(LAST_ACCESSED_AT, BsonDates.date(now))
      .put(EXPIRES_AT, BsonDates.date(touched.expiresAt())));
    return mongo.updateCollectionWithOptions(collection, unchanged, update, writeOptions())
      .map(result -> result != null && result.getDocMatched() == 1 ? touched : record);
  }

  /** A {@code findAndModify} returning the changed document, or {@code null} when the filter matched none. */
  private Future<JsonObject> findAndModify(JsonObject filter, JsonObject update, JsonObject fields) {
    if (writeOption == null) {
      return mongo.findOneAndUpdateWithOptions(collection, filter, update, new FindOptions().setFields(fields),
        new UpdateOptions().setReturningNewDocument(true));
    }
    // The client's findOneAndUpdate ignores a per-operation write concern: send the command with one.
    JsonObject command = new JsonObject()
      .put("findAndModify", collection)
      .put("query", filter)
      .put("update", update)
      .put("new", true)
      .put("fields", fields)
      .put("writeConcern", WriteConcerns.asCommandField(writeOption));
    return mongo.runCommand("findAndModify", command).compose(reply -> {
      JsonObject writeConcernError = reply.getJsonObject("writeConcernError");
      if (writeConcernError != null) {
        return Future.failedFuture(new MongoException(writeConcernError.getInteger("code", -1),
          "Write concern not satisfied: " + writeConcernError.getString("errmsg")));
      }
      return Future.succeededFuture(reply.getJsonObject("value"));
    });
  }

  private static JsonObject timingFields(SessionRecord record) {
    return new JsonObject()
      .put(LAST_ACCESSED_AT, BsonDates.date(record.lastAccessedAt()))
      .put(EXPIRES_AT, BsonDates.date(record.expiresAt()))
      .put(IDLE_TIMEOUT, record.idleTimeout())
      .put(COOKIE_MAX_AGE, record.cookieMaxAge());
  }

  private UpdateOptions writeOptions() {
    return new UpdateOptions().setWriteOption(writeOption);
  }

  /** The stored expiry, which the TTL index and every write filter go by, must be a date after now as well. */
  private static boolean storedExpiryAfter(JsonObject document, long now) {
    try {
      return BsonDates.millis(document.getValue(EXPIRES_AT)) > now;
    } catch (RuntimeException notADate) {
      LOG.warn("Session {} has no readable expiresAt ({}); treated as missing",
        SessionRecord.redact(document.getString(ID)), notADate.getMessage());
      return false;
    }
  }

  private static JsonObject live(String id, long now) {
    return liveAt(now).put(ID, id);
  }

  private static JsonObject liveAt(long now) {
    return new JsonObject().put(EXPIRES_AT, new JsonObject().put("$gt", BsonDates.date(now)));
  }

  private static JsonObject notAfter(long now) {
    return new JsonObject().put("$lte", BsonDates.date(now));
  }

  private static boolean isDuplicateKey(Throwable failure) {
    return failure instanceof MongoException e && ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY;
  }

  private static IllegalStateException tooManyConflicts(String id, String operation) {
    return new IllegalStateException("Session " + SessionRecord.redact(id) + " was changed concurrently "
      + MAX_SAVE_ATTEMPTS + " times during one " + operation + "; giving up");
  }

  /**
   * The TTL index, then the principal index, each until it is settled (in place, or in conflict with an index of the
   * operator's); fails with the first failure. A server that cannot be reached is not asked for the second.
   */
  private Future<Void> ensureIndexes() {
    Future<Void> ttl = ttlIndexSettled ? Future.succeededFuture() : ensureTtlIndex();
    return ttl.transform(ttlOutcome -> {
      if (ttlOutcome.failed() && !ttlIndexSettled) {
        return ttl;
      }
      Future<Void> principal = principalIndexSettled ? Future.succeededFuture() : ensurePrincipalIndex();
      return principal.transform(principalOutcome -> ttlOutcome.failed() ? ttl : principal);
    });
  }

  private Future<Void> ensureTtlIndex() {
    return TtlIndex.ensure(mongo, collection)
      .onSuccess(v -> ttlIndexSettled = true)
      .onFailure(failure -> {
        if (failure instanceof TtlIndexConflictException) {
          ttlIndexSettled = true;
          LOG.error(failure.getMessage());
        } else {
          LOG.warn("Cannot ensure the TTL index of collection '{}' yet; retrying before each sweep: {}", collection,
            failure.toString());
        }
      });
  }

  private Future<Void> ensurePrincipalIndex() {
    return PrincipalIndex.ensure(mongo, collection)
      .onSuccess(v -> principalIndexSettled = true)
      .onFailure(failure -> {
        if (failure instanceof PrincipalIndex.Conflict) {
          principalIndexSettled = true;
          LOG.error(failure.getMessage());
        } else {
          LOG.warn("Cannot ensure the principal index of collection '{}' yet; retrying before each sweep: {}",
            collection, failure.toString());
        }
      });
  }

}
