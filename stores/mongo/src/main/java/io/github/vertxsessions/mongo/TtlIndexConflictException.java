package io.github.vertxsessions.mongo;

/**
 * The session collection already has an index on {@code expiresAt} with options other than the TTL index the store
 * needs ({@code expireAfterSeconds: 0}); MongoDB refuses a second index on the same key, so the store cannot create
 * its own. Drop the named index, or give the store another collection.
 */
public class TtlIndexConflictException extends IllegalStateException {

  /** The name of the conflicting index. */
  private final String indexName;

  /**
   * An exception whose message tells how to drop the conflicting index.
   *
   * @param collection the session collection
   * @param indexName  the name of the index on {@code expiresAt} already there
   * @param indexSpec  how the server describes that index, as JSON
   */
  public TtlIndexConflictException(String collection, String indexName, String indexSpec) {
    super("Collection '" + collection + "' already has index '" + indexName + "' on expiresAt (" + indexSpec
      + "), but the session store needs a TTL index on expiresAt with expireAfterSeconds 0: drop it with "
      + "db." + collection + ".dropIndex(\"" + indexName + "\") or use another collection");
    this.indexName = indexName;
  }

  /**
   * The name of the conflicting index.
   *
   * @return the name, as the server gave it
   */
  public String indexName() {
    return indexName;
  }
}
